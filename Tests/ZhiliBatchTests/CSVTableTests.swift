import Testing
import ZhiliBatch

@Suite struct CSVTableTests {
    @Test(arguments: [
        (["a", "b"], "a,b\r\n"),
        (["含,逗号", "x"], "\"含,逗号\",x\r\n"),
        (["他说\"好\"", ""], "\"他说\"\"好\"\"\",\r\n"),
        (["两行\n文字", "回车\r"], "\"两行\n文字\",\"回车\r\"\r\n"),
        ([" 前导空格", "网格员"], "\" 前导空格\",网格员\r\n"),
        (["2.2万人", "41.3%"], "2.2万人,41.3%\r\n"),
    ])
    func quotesFieldsPerRFC4180(fields: [String], expected: String) {
        var bytes: [UInt8] = []
        CSVTable.appendRow(fields, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test(arguments: CSVTable.allCases)
    func preambleStartsWithByteOrderMarkAndHeader(table: CSVTable) {
        let preamble = table.preamble
        #expect(Array(preamble.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: preamble.dropFirst(3), as: UTF8.self) == table.columns.joined(separator: ",") + "\r\n")
    }
}
