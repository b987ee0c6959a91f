import Testing
@testable import ZhiliServer

@Suite struct QueryParametersTests {
    @Test(arguments: [
        ("2022", 2022...2022),
        ("2021..2023", 2021...2023),
        ("2023..2023", 2023...2023),
    ])
    func parsesYears(raw: String, expected: ClosedRange<Int>) throws {
        #expect(try QueryParameters.parseYears(raw, name: "year") == expected)
    }

    @Test(arguments: ["2023..2021", "20x2", "2022.5", "1..2", "2021...2023", "..2022", "99999"])
    func rejectsBadYears(raw: String) {
        #expect(throws: APIError.self) { try QueryParameters.parseYears(raw, name: "year") }
    }
}
