import Testing
@testable import Formats

@Suite struct FormatsSmokeTests {
    @Test func moduleLoads() {
        #expect(String(describing: Formats.self) == "Formats")
    }
}
