public import Foundation

/// What a finished process printed.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var out: String
    public var err: String
    public var timedOut: Bool
}

/// Runs `executable` with no terminal input, its output in files (no pipe can fill up), killed after `timeout`.
public func runProcess(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil, in folder: URL = TestPaths.root,
    timeout: TimeInterval = 120
) throws -> ProcessResult {
    let scratch = try TestPaths.temporaryDirectory("almanac-process")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("out")
    let errURL = scratch.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)
    defer {
        try? outHandle.close()
        try? errHandle.close()
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = folder
    if let environment { process.environment = environment }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = outHandle
    process.standardError = errHandle
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    var timedOut = false
    while process.isRunning {
        if Date() > deadline {
            timedOut = true
            process.terminate()
            process.waitUntilExit()
            break
        }
        Thread.sleep(forTimeInterval: 0.02)
    }
    process.waitUntilExit()
    let out = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
    let err = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
    return ProcessResult(status: process.terminationStatus, out: out, err: err, timedOut: timedOut)
}
