/// Numbers counted as they are read aloud, as Flesch asked ("count figures
/// as pronounced"): 2024 is "twenty twenty-four" (5), 3.5 is "three point
/// five" (3), 15% is "fifteen per cent" (4), 2.1.3 is "two point one point
/// three" (5), 10:30 is "ten thirty" (3), 1,500 is "one thousand five hundred" (7).
enum NumberSyllables {
    static func syllables(of bytes: [UInt8]) -> Int {
        var digits = bytes
        var extra = 0
        if digits.last == UInt8(ascii: "%") { digits.removeLast(); extra += 2 } // per cent
        // Ordinals: 1st, 2nd, 21st; "second" is one syllable more than "two".
        let letters = digits.reversed().prefix { !isDigit($0) }.count
        if letters > 0 {
            let suffix = digits.suffix(letters)
            digits.removeLast(letters)
            if suffix.elementsEqual("nd".utf8), digits.last == UInt8(ascii: "2"), digits.dropLast().last != UInt8(ascii: "1") { extra += 1 }
            if suffix.elementsEqual("th".utf8), digits.last == UInt8(ascii: "0"), digits.count >= 2, digits.dropLast().last != UInt8(ascii: "0") { extra += 1 } // twen-ti-eth
        }
        let hasThousandsSeparator = digits.contains(UInt8(ascii: ","))
        digits.removeAll { $0 == UInt8(ascii: ",") }
        guard !digits.isEmpty else { return max(1, extra) }

        let separators = digits.filter { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") }.count
        let parts = digits.split(whereSeparator: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ":") }).map(Array.init)
        if digits.contains(UInt8(ascii: ":")) && parts.count == 2 {
            // A time: "ten thirty", "ten o'clock" is read "ten"; 09:05 is "nine oh five".
            return extra + time(hour: parts[0], minutes: parts[1])
        }
        if separators == 1 && parts.count == 2 {
            if parts[1].count == 2 && value(parts[0]).map({ $0 <= 24 }) == true && parts[1] == Array("00".utf8) {
                return extra + cardinal(value(parts[0]) ?? 0) // 10.00 read as "ten"
            }
            // A decimal: the whole part, "point" and each digit after it.
            return extra + whole(parts[0]) + 1 + parts[1].reduce(0) { $0 + cardinal(Int($1 - UInt8(ascii: "0"))) }
        }
        if parts.count > 2 {
            // A clause number: 2.1.3 is "two point one point three".
            return extra + parts.reduce(0) { $0 + whole($1) } + (parts.count - 1)
        }
        return extra + whole(parts.first ?? digits, couldBeYear: !hasThousandsSeparator)
    }

    private static func time(hour: [UInt8], minutes: [UInt8]) -> Int {
        let hourSyllables = cardinal(value(hour) ?? 0)
        guard let minuteValue = value(minutes), minuteValue > 0 else { return hourSyllables }
        return hourSyllables + (minuteValue < 10 ? 1 : 0) + cardinal(minuteValue) // "oh five"
    }

    private static func whole(_ digits: [UInt8], couldBeYear: Bool = false) -> Int {
        guard !digits.isEmpty else { return 0 }
        // Long strings of digits (phone numbers, references) are read digit by digit.
        guard digits.count <= 12, let number = value(digits) else {
            return digits.reduce(0) { $0 + cardinal(Int($1 - UInt8(ascii: "0"))) }
        }
        if digits.count > 1 && digits.first == UInt8(ascii: "0") {
            return digits.reduce(0) { $0 + cardinal(Int($1 - UInt8(ascii: "0"))) } // 01234 is read digit by digit
        }
        // Years are read in pairs: nineteen ninety-eight, twenty twenty-four; 2000 to 2009 are not.
        if couldBeYear, digits.count == 4, (1100...1999).contains(number) || (2010...2099).contains(number), number % 100 != 0 || number < 2000 {
            let low = number % 100
            let lowSyllables = low == 0 ? 2 : low < 10 ? 1 + cardinal(low) : cardinal(low) // hundred; oh five
            return cardinal(number / 100) + lowSyllables
        }
        return cardinal(number)
    }

    /// Syllables of a whole number said the British way ("one hundred and five").
    static func cardinal(_ number: Int) -> Int {
        if number == 0 { return 2 } // ze-ro
        var remaining = number
        var total = 0
        for (scale, syllables) in [(1_000_000_000_000, 2), (1_000_000_000, 2), (1_000_000, 2), (1000, 2)] where remaining >= scale {
            total += belowThousand(remaining / scale) + syllables
            remaining %= scale
        }
        if remaining > 0 {
            total += belowThousand(remaining)
            if number >= 1000 && remaining < 100 { total += 1 } // "and"
        }
        return total
    }

    private static func belowThousand(_ number: Int) -> Int {
        var total = 0
        if number >= 100 {
            total += units[number / 100] + 2 // hun-dred
            if number % 100 > 0 { total += 1 } // and
        }
        let rest = number % 100
        if rest >= 20 {
            total += tens[rest / 10] + (rest % 10 > 0 ? units[rest % 10] : 0)
        } else if rest > 0 {
            total += units[rest]
        }
        return total
    }

    // one two three four five six se-ven eight nine ten e-le-ven twelve thir-teen ... nine-teen
    private static let units = [0, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 3, 1, 2, 2, 2, 2, 3, 2, 2]
    // twen-ty thir-ty for-ty fif-ty six-ty se-ven-ty eigh-ty nine-ty
    private static let tens = [0, 0, 2, 2, 2, 2, 2, 3, 2, 2]

    private static func value(_ digits: [UInt8]) -> Int? {
        guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy(isDigit) else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }
}
