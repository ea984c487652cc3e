import Foundation
import OpenAPIKit
import Vapor

/// The OpenAPI document of every part's operations, served at /api/v1/openapi.json.
enum APIDocument {
    static let operation = APIOperation("getOpenAPIDocument", .GET, Paths.API.openAPI, .anyone, tag: "Documentation",
                                        summary: "This OpenAPI 3.1 document", reply: .document, handler: { _ in response() })

    /// Every part's schemas, and those they share.
    static var schemas: OpenAPI.ComponentDictionary<JSONSchema> {
        var all = APISchemas.shared
        for part in Site.parts.flatMap(\.apis) {
            for (name, schema) in part.schemas {
                precondition(all[name] == nil, "Two parts define the API schema \(name)")
                all[name] = schema
            }
        }
        return all
    }

    /// The document, encoded once.
    static let json: Data = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try! encoder.encode(OpenAPIDocument.make(Site.apiOperations, schemas: schemas))
    }()

    static func response() -> Response {
        Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(data: json))
    }
}
