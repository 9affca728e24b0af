import Diagnostics
import Synchronization
import Testing
@testable import Lake

/// Side work on another thread while the main work runs here.
@Suite struct AlongsideTests {
    @Test func bothPiecesRunAndTheMainValueComesBack() throws {
        for k in 0..<500 {
            let side = Mutex(0)
            let value = try Alongside.run({ side.withLock { $0 = k } }, { () throws(SQLError) -> Int in k * 2 })
            // The side work has finished by the time run returns.
            #expect(value == k * 2 && side.withLock { $0 } == k)
        }
    }

    @Test func aSideErrorIsThrownOnceTheMainWorkIsDone() {
        let mainDone = Mutex(false)
        #expect(throws: SQLError.self) {
            try Alongside.run({ () throws(SQLError) in throw SQLError(.io, "side failed") }, { () throws(SQLError) in mainDone.withLock { $0 = true } })
        }
        #expect(mainDone.withLock { $0 })
    }

    @Test func theMainErrorWins() {
        do {
            try Alongside.run({ () throws(SQLError) in throw SQLError(.io, "side") }, { () throws(SQLError) in throw SQLError(.data, "main") })
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "main")
        }
    }
}
