import Diagnostics
import Dispatch
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

    /// A side job that splits its own work again (a commit flushing files and a folder
    /// while the commit's entry is written): all three pieces run at once, none waits for
    /// a thread. Each inner piece waits for the other to have started.
    @Test func nestedSideJobsRunAtOnce() throws {
        for _ in 0..<50 {
            let a = DispatchSemaphore(value: 0), b = DispatchSemaphore(value: 0), outer = DispatchSemaphore(value: 0)
            let met = Mutex(0)
            try Alongside.run({ () throws(SQLError) in
                try Alongside.run({ () throws(SQLError) in
                    a.signal()
                    if b.wait(timeout: .now() + 5) == .success { met.withLock { $0 += 1 } }
                }, { () throws(SQLError) in
                    b.signal()
                    if a.wait(timeout: .now() + 5) == .success { met.withLock { $0 += 1 } }
                })
                outer.signal()
            }, { () throws(SQLError) in
                if outer.wait(timeout: .now() + 10) == .success { met.withLock { $0 += 1 } }
            })
            #expect(met.withLock { $0 } == 3)
        }
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
