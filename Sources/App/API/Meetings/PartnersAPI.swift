import Domain
import Fluent
import OpenAPIKit
import Vapor

// A meeting's partners in the JSON API: asking them for items, and each agreeing the final agenda.

extension API {
    struct MeetingPartner: Content {
        let organisationId: UUID
        let name: String
        let askedOn: String?
        let itemsDueOn: String?
        let agreement: String
        let agreedAt: String?

        init(_ partner: PartnerStore.Partner) throws {
            organisationId = try partner.organisation.requireID()
            name = partner.organisation.name
            askedOn = partner.askedOn?.iso8601
            itemsDueOn = partner.row?.itemsDueOn?.iso8601
            agreement = partner.agreement.rawValue
            agreedAt = partner.row?.agreedAt.map(API.instant)
        }

        init(organisationId: UUID, name: String, askedOn: String?, itemsDueOn: String?, agreement: String, agreedAt: String?) {
            self.organisationId = organisationId
            self.name = name
            self.askedOn = askedOn
            self.itemsDueOn = itemsDueOn
            self.agreement = agreement
            self.agreedAt = agreedAt
        }
    }

    struct MeetingComplaint: Content {
        let complaintId: UUID
        let receivedOn: String
        let organisationId: UUID
        let discussed: Bool

        init(_ entry: PartnerStore.Complaint) throws {
            complaintId = try entry.complaint.requireID()
            receivedOn = entry.complaint.receivedOn.iso8601
            organisationId = entry.complaint.$aboutOrganisation.id
            discussed = entry.discussed
        }

        init(complaintId: UUID, receivedOn: String, organisationId: UUID, discussed: Bool) {
            self.complaintId = complaintId
            self.receivedOn = receivedOn
            self.organisationId = organisationId
            self.discussed = discussed
        }
    }

    struct PartnerRequestInput: Content {
        var itemsDueOn: String?
    }

    struct PartnerRequest: Content {
        let asked: [String]
        let withoutAddress: [String]
    }
}

struct PartnersAPI: APIPart {
    static let schemas: OpenAPI.ComponentDictionary<JSONSchema> = [
        "MeetingPartner": .object(properties: [
            "organisationId": .string(format: .uuid),
            "name": .string,
            "askedOn": optionalDate,
            "itemsDueOn": optionalDate,
            "agreement": oneOf(AgendaAgreement.self),
            "agreedAt": optionalString("When it last agreed an agenda", format: .dateTime),
        ]),
        "MeetingComplaint": .object(properties: [
            "complaintId": .string(format: .uuid),
            "receivedOn": date,
            "organisationId": .string(format: .uuid, description: "The partner it is about"),
            "discussed": .boolean(description: "Whether this meeting's minutes record it as discussed"),
        ]),
        "PartnerRequestInput": .object(properties: [
            "itemsDueOn": .string(format: .date, description: "The day items are due, YYYY-MM-DD: from today to the day before the meeting"),
        ]),
        "PartnerRequest": .object(properties: [
            "asked": .array(description: "The partners e-mailed now", items: .string),
            "withoutAddress": .array(description: "Partners still to ask, with no e-mail address to ask them at", items: .string),
        ]),
    ]

    static func operations() -> [APIOperation] {
        let api = PartnersAPI()
        return [
            APIOperation("askPartners", .POST, Paths.API.askPartners, .requires(.manageMeetings), tag: "Meetings",
                         summary: "E-mail every partner not asked yet for agenda items, due by a date", body: "PartnerRequestInput",
                         reply: .one("PartnerRequest"), handler: api.ask),
            APIOperation("agreeAgenda", .POST, Paths.API.partnerAgreement, .requires(.proposeAgendaItems), tag: "Meetings",
                         summary: "Record that a partner agrees the agenda as it stands: organisers for any partner, members of the group for their own",
                         mayRefuse: true, reply: .one("MeetingPartner"), handler: api.agree),
        ]
    }

    func ask(req: Request) async throws -> API.PartnerRequest {
        let meeting = try await req.meeting(goingAhead: true)
        let input = try req.content.decode(API.PartnerRequestInput.self)
        let asking = try await PartnerStore(try req.store).ask(for: meeting, itemsDue: try API.dateInput(input.itemsDueOn, field: "itemsDueOn"),
                                                               siteAddress: req.application.appConfig.siteAddress)
        return API.PartnerRequest(asked: asking.asked, withoutAddress: asking.withoutAddress)
    }

    func agree(req: Request) async throws -> API.MeetingPartner {
        let meeting = try await req.meeting(goingAhead: true)
        let partner = try await PartnerStore(try req.store).agree(for: meeting, organisationID: req.parameters.get("organisationID"))
        return try API.MeetingPartner(partner)
    }
}
