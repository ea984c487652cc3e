import Foundation
import PlainEnglish
import PlainEnglishDocuments

/// What to check, from a form or an API call: a file wins over pasted text.
/// The page and the API each put the problem in their own words and fields.
enum PlainEnglishInput {
    enum Problem: Error, Equatable {
        /// The file could not be read; the reader's message says why.
        case unreadableFile(String)
        case textTooLong
        case nothingToCheck
    }

    /// The server's limits on files and text.
    static let limits = DocumentReader.Limits.server

    /// An empty file counts as no file: browsers send one when none was chosen.
    /// The reading runs on the document threads.
    static func document(text: String?, file: (name: String, data: Data)?, work: DocumentWork) async throws -> Result<Document, Problem> {
        if let file, !file.data.isEmpty {
            do {
                return .success(try await DocumentReader.read(file.data, named: file.name, limits: limits, runner: { job in try await work.run(job) }))
            } catch let problem as DocumentReader.ReadError {
                return .failure(.unreadableFile(problem.message))
            } catch {
                return .failure(.unreadableFile("The file could not be read."))
            }
        }
        guard let text, text.contains(where: { !$0.isWhitespace }) else { return .failure(.nothingToCheck) }
        guard text.utf8.count <= limits.maximumTextBytes else { return .failure(.textTooLong) }
        return .success(try await work.run { Document(plainText: text) })
    }

    /// "5 MB", for messages.
    static var maximumTextDescription: String { "\(limits.maximumTextBytes / 1_048_576) MB" }
}
