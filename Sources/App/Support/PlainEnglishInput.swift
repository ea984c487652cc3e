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

    /// An empty file counts as no file: browsers send one when none was chosen.
    static func document(text: String?, file: (name: String, data: Data)?) -> Result<Document, Problem> {
        if let file, !file.data.isEmpty {
            do {
                return .success(try DocumentReader.read(file.data, named: file.name))
            } catch let problem as DocumentReader.ReadError {
                return .failure(.unreadableFile(problem.message))
            } catch {
                return .failure(.unreadableFile("The file could not be read."))
            }
        }
        guard let text, text.contains(where: { !$0.isWhitespace }) else { return .failure(.nothingToCheck) }
        guard text.utf8.count <= PlainEnglishChecker.maximumInputBytes else { return .failure(.textTooLong) }
        return .success(Document(plainText: text))
    }
}
