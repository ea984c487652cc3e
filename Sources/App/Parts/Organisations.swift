import Domain
import Fluent
import Vapor

extension Paths {
    static let organisations = PathTemplate("organisations")
    static let organisationsCSV = PathTemplate("organisations.csv")
    static let newOrganisation = PathTemplate("organisations", "new")
    static let organisation = PathTemplate("organisations", ":organisationID")
    static let editOrganisation = PathTemplate("organisations", ":organisationID", "edit")
    static let deleteOrganisation = PathTemplate("organisations", ":organisationID", "delete")

    static func organisation(_ id: RecordID<OrganisationModel>) -> String { organisation.url(id) }
    static func editOrganisation(_ id: RecordID<OrganisationModel>) -> String { editOrganisation.url(id) }
    static func deleteOrganisation(_ id: RecordID<OrganisationModel>) -> String { deleteOrganisation.url(id) }
}

extension Paths.API {
    static let organisations = PathTemplate("api", "v1", "organisations")
    static let organisationsCSV = PathTemplate("api", "v1", "organisations.csv")
    static let organisation = PathTemplate("api", "v1", "organisations", ":organisationID")

    static func organisation(_ id: RecordID<OrganisationModel>) -> String { organisation.url(id) }
}

/// The organisations in the partnership: the forum, the council, the NHS, providers and others.
struct OrganisationsPart: ProductPart {
    let name = "Organisations"

    func pages(_ web: any RoutesBuilder) {
        let organisations = OrganisationsController()
        web.get(Paths.organisations, .requires(.viewPartnership), use: organisations.index)
        web.get(Paths.organisationsCSV, .requires(.viewPartnership), use: organisations.csv)
        web.get(Paths.newOrganisation, .requires(.manageOrganisations), use: organisations.new)
        web.post(Paths.newOrganisation, .requires(.manageOrganisations), use: organisations.create)
        web.get(Paths.organisation, .requires(.viewPartnership), use: organisations.show)
        web.get(Paths.editOrganisation, .requires(.manageOrganisations), use: organisations.edit)
        web.post(Paths.editOrganisation, .requires(.manageOrganisations), use: organisations.update)
        web.get(Paths.deleteOrganisation, .requires(.manageOrganisations), use: organisations.confirmDelete)
        web.post(Paths.deleteOrganisation, .requires(.manageOrganisations), use: organisations.delete)
    }

    var api: (any APIPart.Type)? { OrganisationsAPI.self }

    var navigation: [NavigationEntry] { [NavigationEntry(label: "Organisations", path: Paths.organisations, permission: .viewPartnership)] }

    var auditSubjects: [AuditSubject] { [AuditSubject(type: OrganisationModel.auditType, link: { Paths.organisation(RecordID($0)) })] }

    func addDemoData(_ demo: DemoBuilder) async throws {
        let seeds: [(String, OrganisationDetails)] = [
            ("forum", .init(name: "Riverside Parent Carer Forum", kind: .parentCarerForum, email: "forum@riversidepcf.example.org", phone: "01632 960 100")),
            ("council", .init(name: "Riverside Council", kind: .localAuthority, email: "send@riverside-council.example.org", phone: "01632 960 200")),
            ("icb", .init(name: "NHS Riverside and Vale Integrated Care Board", kind: .nhsCommissioner, email: "engagement@riverside-vale-icb.example.org")),
            ("health", .init(name: "Riverside Community Health Services", kind: .provider, email: "childrens.therapies@riverside-health.example.org")),
            ("breaks", .init(name: "Brightpath Short Breaks", kind: .provider, email: "hello@brightpath.example.org", phone: "01632 960 300")),
            ("youth", .init(name: "Riverside Youth Voice", kind: .childrenAndYoungPeoplesGroup, email: "youthvoice@riverside-council.example.org")),
            ("healthwatch", .init(name: "Healthwatch Riverside", kind: .voluntaryGroup, email: "info@healthwatch-riverside.example.org")),
        ]
        for (key, details) in seeds {
            let organisation = OrganisationModel(areaID: demo.areaID, details: details)
            try await organisation.create(on: demo.db)
            try demo.remember(organisation, as: key)
        }
    }

    func pathParameters(areaID: UUID, on db: any Database) async throws -> [String: String] {
        guard let organisation = try await OrganisationModel.query(on: db).filter(\.$area.$id == areaID).sort(\.$sortName).first() else { return [:] }
        return ["organisationID": try organisation.requireID().uuidString]
    }
}
