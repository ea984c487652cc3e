import Foundation
import FuzzTargets

// Built with `--sanitize fuzzer` and -D FUZZING (scripts/fuzz), libFuzzer
// provides main and calls LLVMFuzzerTestOneInput with generated inputs;
// FUZZ_TARGET names the parser. Built normally, it replays saved inputs.
nonisolated(unsafe) private var target: FuzzTarget?

private func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) {
    guard let target else { return }
    target.run(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    if target == nil {
        let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
        guard let chosen = FuzzTarget(rawValue: name) else {
            fatalError("Set FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        target = chosen
    }
    fuzzOne(data, size)
    return 0
}
#else
/// `coproduce-fuzz TARGET FILE...`: runs saved inputs through a parser.
@main
struct Replay {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let chosen = FuzzTarget(rawValue: name) else {
            print("Usage: coproduce-fuzz TARGET FILE...\nTargets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
            exit(2)
        }
        target = chosen
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { print("\(path): cannot be read"); exit(2) }
            data.withUnsafeBytes { fuzzOne($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
        }
        print("\(arguments.count - 1) inputs replayed through \(name)")
    }
}
#endif
