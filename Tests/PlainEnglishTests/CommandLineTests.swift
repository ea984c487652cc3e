import Foundation
import Testing
@testable import PlainEnglishCLI
import PlainEnglish

/// `coproduce check` and `coproduce syllables`: output and exit codes.
@Suite struct CommandLineTests {
    struct Output: TextOutputStream {
        var text = ""
        mutating func write(_ string: String) { text += string }
    }

    func run(_ arguments: [String], input: String = "") async -> (code: PlainEnglishCommandLine.ExitCode, output: String, errors: String) {
        var output = Output()
        var errors = Output()
        let code = await PlainEnglishCommandLine.check(arguments, output: &output, errors: &errors, readStandardInput: { Data(input.utf8) })
        return (code, output.text, errors.text)
    }

    func file(_ text: String, named name: String = "letter.txt") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coproduce-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aPlainLetterMeetsTheProfileAndExitsZero() async throws {
        let path = try file("We will send the papers a week before the meeting. Tell us if you need them in large print.")
        let result = await run([path])
        #expect(result.code == .meetsProfile)
        #expect(result.output.hasPrefix("\(path): meets the standard (papers and letters) profile\n"))
        #expect(result.output.contains("Reading age:"))
        #expect(result.output.contains("No findings."))
    }

    @Test func aHardTextExitsOneAndListsFindingsWithLineAndColumn() async throws {
        let path = try file("Hello.\nYour EHCP was agreed by the panel.")
        let result = await run([path])
        #expect(result.code == .doesNotMeetProfile)
        #expect(result.output.contains("\(path):2:6: problem: Acronym not spelled out: EHCP is not spelled out."))
        #expect(result.output.contains("\(path):2:11: advice: Passive voice:"))
        #expect(result.output.contains("Summary: passive voice 1, acronym not spelled out 1"))
    }

    @Test func jsonOutputCarriesTheWholeAnalysis() async throws {
        let result = await run(["-", "--json", "--profile", "easy-read"], input: "The NHS will help you.")
        #expect(result.code == .meetsProfile || result.code == .doesNotMeetProfile)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["file"] as? String == "-")
        let analysis = try #require(json["analysis"] as? [String: Any])
        #expect((analysis["profile"] as? [String: Any])?["name"] as? String == "easy-read")
        #expect((analysis["statistics"] as? [String: Any])?["words"] as? Int == 5)
    }

    @Test func jsonIsWrittenFindingByFindingExactlyAsJSONEncoderWouldWriteIt() async throws {
        // Quotes, a backslash, a slash, control characters (0x1B has a letter in hex), accents,
        // an emoji and a line separator, inside the first ten words of a long sentence, whose
        // excerpt carries them into the JSON.
        let awkward = "The \"PANEL\" back\\slash a/b caf\u{E9} \u{1}\u{1B}\u{1F}\u{7F} \u{1F600} \u{2028}tab\there was agreed by the panel "
            + "and it will utilise the provision for every cohort of children in the area this year. NOTE THIS. Click here."
        let texts = [[awkward], ["We will send the papers.", awkward], ["We will send the papers."], ["", "Read this."]]
        let checker = PlainEnglishChecker()
        for group in texts {
            let reports = try group.enumerated().map { offset, text in
                PlainEnglishCommandLine.FileReport(file: "papers \(offset)/\"draft\".txt", analysis: try checker.check(text: text))
            }
            var streamed = Output()
            JSONReport.write(reports, to: &streamed)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let value: any Encodable = reports.count == 1 ? reports[0] : reports
            let expected = String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
            #expect(streamed.text == expected)
        }
        #expect(try checker.check(text: awkward).findings.count >= 5)
    }

    @Test func usageAndFileErrorsExitTwo() async throws {
        #expect(await run([]).code == .usageOrFileError)
        #expect(await run([]).errors.hasPrefix("Name a file to check."))
        #expect(await run(["a.txt", "--profile", "toddlers"]).errors == "--profile needs one of: standard, easy-read, children-8-11, young-people-12-15, young-people-16-25.\n")
        #expect(await run(["--colour"]).code == .usageOrFileError)
        let missing = await run(["/no/such/file.txt"])
        #expect(missing.code == .usageOrFileError)
        #expect(missing.errors == "/no/such/file.txt: cannot be read. Check the name and that you may open it.\n")
        let picture = try file("\u{0}\u{0}PNG", named: "picture.txt")
        #expect(await run([picture]).code == .usageOrFileError)
        #expect(await run(["--help"]).code == .meetsProfile)
    }

    @Test func syllablesPrintsACountForEachWord() async {
        var output = Output()
        var errors = Output()
        var lines = ["behavioural", "", "NHS", "autism"].makeIterator()
        let code = PlainEnglishCommandLine.syllables([], output: &output, errors: &errors, readLine: { lines.next() })
        #expect(code == .meetsProfile)
        #expect(output.text == "behavioural\t4\nNHS\t3\nautism\t3\n")
        var rulesOutput = Output()
        var rulesLines = ["cooperate"].makeIterator()
        _ = PlainEnglishCommandLine.syllables(["--rules-only"], output: &rulesOutput, errors: &errors, readLine: { rulesLines.next() })
        #expect(rulesOutput.text == "cooperate\t4\n")
        #expect(PlainEnglishCommandLine.syllables(["--fast"], output: &output, errors: &errors, readLine: { nil }) == .usageOrFileError)
    }
}
