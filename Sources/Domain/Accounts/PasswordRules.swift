/// What makes a password acceptable. Length matters more than symbols
/// (NCSC guidance); very common passwords are refused.
public enum PasswordRules {
    public static let minimumLength = 12
    public static let maximumLength = 128

    static let common: Set<String> = [
        "password1234", "123456789012", "qwertyuiopas", "passwordpassword",
        "iloveyou1234", "letmein12345", "welcome12345", "coproduce123",
    ]

    /// A plain-English problem with the password, or nil when it is acceptable.
    public static func problem(with password: String) -> String? {
        if password.isEmpty { return "Enter a password" }
        if password.count < minimumLength { return "Password must be \(minimumLength) characters or more" }
        if password.count > maximumLength { return "Password must be \(maximumLength) characters or fewer" }
        if common.contains(password.lowercased()) { return "Choose a password that is harder to guess" }
        return nil
    }
}
