import Domain
import OpenAPIKit
import Vapor

/// A query parameter an operation reads besides `page` and `perPage`.
struct APIQuery: @unchecked Sendable {
    let name: String
    let schema: JSONSchema
    let description: String

    init(_ name: String, _ schema: JSONSchema, _ description: String) {
        self.name = name
        self.schema = schema
        self.description = description
    }
}

/// One JSON API endpoint: how it is reached, who may use it, what it takes
/// and returns, and its handler. Routes and the OpenAPI document are both
/// made from these, so the document always matches the routes.
struct APIOperation: Sendable {
    enum Reply: Sendable {
        /// One record of the named schema.
        case one(String)
        /// 201 Created with the new record and its address.
        case created(String)
        /// A page of records, with `page`, `perPage` and `total`.
        case page(String)
        /// Every record, in order.
        case list(String)
        /// This very document.
        case document
        /// A spreadsheet (CSV, UTF-8 with a byte-order mark) of what the words describe.
        case csv(String)
    }

    let id: String
    let method: HTTPMethod
    let path: PathTemplate
    let access: RouteAccess
    let tag: String
    let summary: String
    /// The schema of the JSON body, if it takes one.
    let body: String?
    /// A larger body than the usual limit, for operations that take files.
    let bodyLimit: ByteCount?
    /// Whether it can refuse with 422 though it takes no body, such as an action that needs the record ready for it.
    let mayRefuse: Bool
    /// Operations that read documents take their turn with the heavy work
    /// (`DocumentWork`), and may answer 503 when too many are waiting.
    var isHeavy: Bool { bodyLimit != nil }
    let reply: Reply
    /// Its query parameters, besides paging, for the document.
    let queries: [APIQuery]
    let handler: @Sendable (Request) async throws -> Response

    init<Output: AsyncResponseEncodable>(_ id: String, _ method: HTTPMethod, _ path: PathTemplate, _ access: RouteAccess, tag: String,
                                         summary: String, body: String? = nil, bodyLimit: ByteCount? = nil, mayRefuse: Bool = false, reply: Reply,
                                         queries: [APIQuery] = [],
                                         handler: @Sendable @escaping (Request) async throws -> Output) {
        self.bodyLimit = bodyLimit
        self.mayRefuse = mayRefuse
        self.id = id
        self.method = method
        self.path = path
        self.access = access
        self.tag = tag
        self.summary = summary
        self.body = body
        self.reply = reply
        self.queries = queries
        self.handler = { request in try await handler(request).encodeResponse(for: request) }
    }
}

extension RoutesBuilder {
    func register(_ operations: [APIOperation]) {
        for operation in operations {
            let handler = operation.handler
            guard operation.body != nil else {
                on(operation.method, operation.path, operation.access, body: operation.bodyLimit, use: handler)
                continue
            }
            // The document promises JSON bodies only: a form or plain text is refused, as it says.
            on(operation.method, operation.path, operation.access, body: operation.bodyLimit) { request in
                guard let type = request.headers.contentType, type.type == "application", type.subType == "json" else {
                    throw Abort(.unsupportedMediaType, reason: "Send the body as JSON, with Content-Type: application/json")
                }
                return try await handler(request)
            }
        }
    }
}

/// Builds the OpenAPI 3.1 document from the operations.
enum OpenAPIDocument {
    static func make(_ operations: [APIOperation], schemas: OpenAPI.ComponentDictionary<JSONSchema>) -> OpenAPI.Document {
        var paths: OrderedDictionary<OpenAPI.Path, OpenAPI.PathItem> = [:]
        for operation in operations {
            let path = OpenAPI.Path(rawValue: operation.path.components.map {
                $0.hasPrefix(":") ? "{\($0.dropFirst())}" : $0
            }.joined(separator: "/").addingSlash)
            var item = paths[path] ?? OpenAPI.PathItem()
            let built = self.operation(operation)
            switch operation.method {
            case .GET: item.get = built
            case .POST: item.post = built
            case .PUT: item.put = built
            case .DELETE: item.delete = built
            case .PATCH: item.patch = built
            default: preconditionFailure("\(operation.method) is not used by the API")
            }
            paths[path] = item
        }
        return OpenAPI.Document(
            openAPIVersion: .v3_1_1,
            info: .init(title: "Coproduce API", description: """
                The partnership register of one local area: organisations, people, groups, \
                partnership agreements with their clauses, and complaints. Sign in with a personal \
                API token (`coproduce token create --email E`) sent as `Authorization: Bearer <token>`. \
                Errors are JSON: `message` says what is wrong in plain English and `field` names the \
                field at fault. Forum members' contact details are only returned to forum officers \
                and area admins, and every such read is written to the audit log.
                """, version: "1"),
            servers: [],
            paths: paths.mapValues { .b($0) },
            components: OpenAPI.Components(schemas: schemas,
                                           securitySchemes: ["bearer": .b(.http(scheme: "bearer", description: "A personal API token"))]),
            security: [["bearer": []].mapKeys { .component(named: $0) }]
        )
    }

    private static func operation(_ operation: APIOperation) -> OpenAPI.Operation {
        let parameters: OpenAPI.Parameter.Array = operation.path.components.filter { $0.hasPrefix(":") }.map {
            .b(.path(name: String($0.dropFirst()), schema: .string(format: .uuid)))
        } + pageParameters(operation) + operation.queries.map {
            .b(.query(name: $0.name, schema: $0.schema, description: $0.description))
        }
        var responses: OpenAPI.Response.Map = [:]
        switch operation.reply {
        case .one(let name):
            responses[200] = .b(json("The \(name.lowercased()).", .reference(.component(named: name))))
        case .created(let name):
            responses[201] = .b(json("Created. The Location header gives its address.", .reference(.component(named: name))))
        case .page(let name):
            responses[200] = .b(json("One page of records.", .object(properties: [
                "items": .array(items: .reference(.component(named: name))),
                "page": .integer(minimum: (1, exclusive: false)),
                "perPage": .integer(minimum: (1, exclusive: false)),
                "total": .integer(minimum: (0, exclusive: false)),
            ])))
        case .list(let name):
            responses[200] = .b(json("Every record, in order.", .array(items: .reference(.component(named: name)))))
        case .document:
            responses[200] = .b(json("This OpenAPI document.", .object))
        case .csv(let description):
            responses[200] = .b(OpenAPI.Response(description: description, content: [.csv: .b(OpenAPI.Content(schema: .string))]))
        }
        if operation.access != .anyone {
            responses[401] = .b(json("No valid API token was sent.", .reference(.component(named: "Error"))))
            responses[403] = .b(json("The account's role does not allow this.", .reference(.component(named: "Error"))))
        }
        if !operation.path.components.filter({ $0.hasPrefix(":") }).isEmpty {
            responses[404] = .b(json("There is no such record in your area.", .reference(.component(named: "Error"))))
        }
        if operation.body != nil || !pageParameters(operation).isEmpty || !operation.queries.isEmpty || operation.mayRefuse {
            responses[422] = .b(json("What was sent has a problem; `field` names it.", .reference(.component(named: "Error"))))
        }
        if operation.body != nil {
            responses[413] = .b(json("The body is larger than this operation takes.", .reference(.component(named: "Error"))))
            responses[415] = .b(json("The body is not JSON: send it with `Content-Type: application/json`.", .reference(.component(named: "Error"))))
        }
        if operation.isHeavy {
            responses[503] = .b(json("The server is busy with other documents. Try again after the number of seconds in the Retry-After header.",
                                     .reference(.component(named: "Error"))))
        }
        return OpenAPI.Operation(
            tags: [operation.tag], summary: operation.summary, operationId: operation.id, parameters: parameters,
            requestBody: operation.body.map { OpenAPI.Request(content: content(.reference(.component(named: $0))), required: true) },
            responses: responses,
            security: operation.access == .anyone ? [] : nil
        )
    }

    private static func pageParameters(_ operation: APIOperation) -> OpenAPI.Parameter.Array {
        guard case .page = operation.reply else { return [] }
        return [
            .b(.query(name: "page", schema: .integer(required: false, maximum: (ListPage.maximumNumber, exclusive: false), minimum: (1, exclusive: false)),
                      description: "Which page, from 1")),
            .b(.query(name: "perPage", schema: .integer(required: false, maximum: (200, exclusive: false), minimum: (1, exclusive: false)),
                      description: "How many on a page, 1 to 200 (50 if not given)")),
        ]
    }

    private static func json(_ description: String, _ schema: JSONSchema) -> OpenAPI.Response {
        OpenAPI.Response(description: description, content: content(schema))
    }

    private static func content(_ schema: JSONSchema) -> OpenAPI.Content.Map {
        [.json: .b(OpenAPI.Content(schema: schema))]
    }
}

private extension String {
    var addingSlash: String { "/" + self }
}

private extension OrderedDictionary {
    func mapKeys<NewKey: Hashable>(_ transform: (Key) -> NewKey) -> OrderedDictionary<NewKey, Value> {
        var result = OrderedDictionary<NewKey, Value>()
        for (key, value) in self { result[transform(key)] = value }
        return result
    }
}

private extension Dictionary {
    func mapKeys<NewKey: Hashable>(_ transform: (Key) -> NewKey) -> [NewKey: Value] {
        Dictionary<NewKey, Value>(uniqueKeysWithValues: map { (transform($0.key), $0.value) })
    }
}
