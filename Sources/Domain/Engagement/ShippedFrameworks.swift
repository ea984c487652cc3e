/// The frameworks that ship with Coproduce, written in our own words from the seeds.
extension FrameworkDefinition {
    public static let shipped: [FrameworkDefinition] = [.coProductionSelfAssessment, .fourCornerstones]

    /// Seed 001: the local area co-production self-assessment tool. Three key
    /// ideas, four stages, and the traffic light: mostly the first stage is red,
    /// mostly the second is amber, mostly the fourth is green (and, defined here,
    /// mostly the third is amber, and any other spread is rated at its middle).
    public static let coProductionSelfAssessment: FrameworkDefinition = {
        let stages = ["You really haven't got this yet", "You've got the basics", "You're getting there", "You're doing really well"]
        func idea(_ key: String, _ name: String, _ about: String, _ byStage: [[String]]) -> KeyIdea {
            KeyIdea(key: key, name: name, about: about, statements: byStage.enumerated().flatMap { stage, texts in
                texts.enumerated().map { index, text in Statement(key: "\(key)-\(stage + 1)\(["a", "b", "c", "d"][index])", text: text, stage: stage) }
            })
        }
        return FrameworkDefinition(
            key: "co-production-self-assessment", name: "Co-production self-assessment",
            source: "The local area co-production self-assessment tool of the West Cheshire co-production strategy",
            summary: "How well a piece of work, a service or a whole organisation is working towards three key ideas of co-production. Tick the statements that fit what really happens, and give an example for each.",
            stages: stages.map(Stage.init),
            keyIdeas: [
                idea("equal-partners", "Equal partners",
                     "Everyone has something to give, whatever their job or pay; everyone knows their role; and everyone has the training and support they need to take part.",
                     [["Only professional skills and qualifications carry weight; families are not expected to add anything.",
                       "Information flows one way, from professionals to families.",
                       "Families are spoken of as problems to solve or cases to manage."],
                      ["Families are listened to, but what staff do and what families do are kept firmly apart.",
                       "Families are told what their part is and what is expected of them.",
                       "Families who take part get some training or support to do so."],
                      ["Families' ideas help shape how services are designed, and they know their part will be recognised.",
                       "There are roles for experts by experience where that experience matters to the work.",
                       "Families can get the training, support and resources they need to take part as equals."],
                      ["Families and staff share responsibility for the work, and their views carry equal weight.",
                       "Families take part in every stage, from planning to checking how well it worked.",
                       "How the service is designed, run and reviewed is led by people with lived experience."]]),
                idea("people-as-assets", "Recognising people as assets",
                     "Seeing families not as passive users of services or a burden, but as partners whose skills and strengths help design and deliver them.",
                     [["The organisation sees itself as the only expert in delivering its services.",
                       "Nothing anyone gives is recognised unless it is paid work.",
                       "The service runs one fixed way, with no room for people's other roles as parents, carers or community members."],
                      ["Staff understand that families know a lot about the support they need.",
                       "People are encouraged to volunteer, and what volunteers give is recorded and celebrated.",
                       "Families' experiences are heard at forums, reviews and consultation events."],
                      ["People's skills are built into services where staff feel it is right.",
                       "The work people do is counted as part of what the service can offer.",
                       "The way staff work shows every day that they value what families bring as experts in their own lives."],
                      ["Asking for help, and giving it, is expected of staff and families alike.",
                       "The work people do is formally recognised and rewarded in ways that are useful to them.",
                       "Staff roles focus on connecting people to networks and removing barriers, so families can live a good life."]]),
                idea("communities", "Communities helping themselves to improve services",
                     "People build communities, and services play an active part in them. \"Work\" includes everything people give, not only what is paid.",
                     [["The service has little to do with the communities families live in.",
                       "Families' own networks are not thought of as part of the support on offer.",
                       "Access needs are met only if families ask, and often not then."],
                      ["The service takes part in some community events.",
                       "Each person's access needs are recognised, and the service adapts to meet them.",
                       "Local people are welcome to volunteer in a range of ways."],
                      ["Families are starting to be offered roles leading and delivering services.",
                       "Services are co-designed and co-delivered, though the organisation's aims still limit how far they reach.",
                       "The way the service runs supports what staff and families give to the wider community."],
                      ["Peer networks that share knowledge and skills are treated as core work and funded.",
                       "Being an active part of the community is in everyone's job and in the organisation's plans.",
                       "Families and community groups lead improvements, with services supporting them."]]),
            ],
            rule: .middleOfEvidence(ratings: [.red, .amber, .amber, .green], greenNeedsNoneIn: 0))
    }()

    /// Seed 002: the four cornerstones of co-production turned into quality indicators, written as commitments to families.
    public static let fourCornerstones: FrameworkDefinition = {
        func cornerstone(_ key: String, _ name: String, _ about: String, _ commitments: [String]) -> KeyIdea {
            KeyIdea(key: key, name: name, about: about, statements: commitments.enumerated().map { index, text in
                Statement(key: "\(key)-\(index + 1)", text: text, stage: nil)
            })
        }
        return FrameworkDefinition(
            key: "four-cornerstones", name: "The four cornerstones: quality indicators",
            source: "Rotherham Parent Carers Forum, \"Towards a culture of co-production\"",
            summary: "Commitments to children and families under four cornerstones, for reviewing a service or its specification. Tick each commitment the service keeps, with the evidence.",
            stages: [],
            keyIdeas: [
                cornerstone("welcome-and-care", "Welcome and care", "Families feel welcome, looked after and safe to speak.",
                            ["We greet every family warmly and make sure they know who to contact.",
                             "We make time to listen, and plan meetings around families' lives.",
                             "We look after families' wellbeing when they share hard experiences."]),
                cornerstone("value-and-include", "Value and include", "Every family's contribution counts, and nobody is left out.",
                            ["We value every contribution and make no assumptions about families.",
                             "We make every activity accessible, and offer support to take part.",
                             "We seek out the families we do not usually hear from."]),
                cornerstone("communication", "Communication", "Open, honest communication in everyday words.",
                            ["We use everyday words, not jargon, in everything we write and say.",
                             "We tell families what happened because of their views.",
                             "We share information in good time, in ways that suit each family."]),
                cornerstone("partnership", "Partnership", "Families and services plan, decide and review together.",
                            ["We plan and review services with families as equal partners.",
                             "We are honest about what can and cannot change, and why.",
                             "We agree actions together and report back on progress."]),
            ],
            rule: .shareMet(green: 80, amber: 50))
    }()
}
