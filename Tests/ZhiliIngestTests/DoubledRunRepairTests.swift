import Testing
@testable import ZhiliIngest

@Suite struct DoubledRunRepairTests {
    @Test(arguments: [
        ("““普法早市普法早市””让法治观念深入人心让法治观念深入人心。。黄海龙黄海龙 摄摄", "“普法早市”让法治观念深入人心。黄海龙 摄"),
        ("人民调解员将矛盾化解在基层人民调解员将矛盾化解在基层。。海宣海宣 摄摄", "人民调解员将矛盾化解在基层。海宣 摄"),
        ("边境巡逻边境巡逻。。", "边境巡逻。"),
    ])
    func repairsDoubledLines(input: String, expected: String) {
        #expect(DoubledRunRepair().repair(input) == expected)
    }

    @Test(arguments: [
        "人人讲安全，个个会应急",
        "将“人人讲安全,个个会应急”落到实处。",
        "谢谢",
        "谢谢谢谢",
        "常常",
        "鸡毛蒜皮",
        "说说话、动动嘴",
        "“信访代办真方便，说说话、动动嘴，就有人帮着办了。”",
        "哈哈哈哈",
        "高高兴兴",
        "平安建设护稳定 社会治理促和谐",
        "",
    ])
    func leavesGenuineReduplicationAlone(input: String) {
        #expect(DoubledRunRepair().repair(input) == input)
    }
}
