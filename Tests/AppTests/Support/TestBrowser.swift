@testable import App
import Domain
import Foundation
import Testing
import Vapor
import VaporTesting

/// Drives the web pages like a browser: keeps cookies, and sends the page's
/// anti-forgery token with every form.
final class TestBrowser: @unchecked Sendable {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    private(set) var csrfToken: String?

    /// In memory by default; `.running` sends requests over a real socket, so a
    /// large body arrives in pieces, as it does from a browser.
    /// The live client follows redirects, so sign in in memory before switching.
    var connection: Application.Method

    init(app: Application, connection: Application.Method = .inMemory) {
        self.app = app
        self.connection = connection
    }

    /// A browser signed in with the given account.
    static func signedIn(_ app: Application, email: String, password: String = Fixture.password) async throws -> TestBrowser {
        let browser = TestBrowser(app: app)
        let response = try await browser.signIn(email: email, password: password)
        #expect(response.status == .seeOther, "sign-in should redirect, got \(response.status): \(response.body.string.prefix(500))")
        return browser
    }

    func signIn(email: String, password: String) async throws -> TestingHTTPResponse {
        _ = try await get("/sign-in")
        return try await post("/sign-in", ["email": email, "password": password])
    }

    @discardableResult
    func get(_ path: String, headers extra: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await send(.GET, path, headers: extra, body: nil)
    }

    /// Posts a form; the anti-forgery token is added unless `csrf` is false.
    @discardableResult
    func post(_ path: String, _ fields: [String: String] = [:], list: [(String, String)] = [], csrf: Bool = true,
              headers extra: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var pairs = fields.map { ($0.key, $0.value) } + list
        if csrf, let csrfToken { pairs.append(("csrfToken", csrfToken)) }
        let body = pairs.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = extra
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts a form as multipart/form-data, as a browser sends a form with a file.
    @discardableResult
    func postMultipart(_ path: String, _ fields: [String: String], file: (field: String, name: String, data: Data)? = nil) async throws -> TestingHTTPResponse {
        let boundary = "----coproduce-test-\(UUID().uuidString)"
        var body = Data()
        var all = fields
        if let csrfToken { all["csrfToken"] = csrfToken }
        for (name, value) in all.sorted(by: { $0.key < $1.key }) {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        if let file {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
            body.append(file.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, headers: headers, body: ByteBuffer(data: body))
    }

    private func send(_ method: HTTPMethod, _ path: String, headers extra: HTTPHeaders, body: ByteBuffer?) async throws -> TestingHTTPResponse {
        var headers = extra
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let response = try await app.testing(method: connection).sendRequest(method, path, headers: headers, body: body)
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if header.lowercased().contains("expires=thu, 01 jan 1970") || parts[1].isEmpty { cookies[parts[0]] = nil }
            else { cookies[parts[0]] = parts[1] }
        }
        if let token = Self.csrfToken(in: response.body.string) { csrfToken = token }
        return response
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrfToken" value=""#) else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension TestingHTTPResponse {
    var location: String? { headers.first(name: .location) }
}
