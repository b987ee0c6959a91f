import Testing
import ZhiliCore

@Suite struct FigureRoleTests {
    @Test(arguments: [
        ("划分网格5780个,配备专兼职网格员23700人。", "5780个", "个", nil, FigureRole.level),
        ("全年刑事案件同比下降31.7%。", "31.7%", "%", ChangeDirection.下降, .change),
        ("比2020年增加120人。", "120人", "人", .上升, .change),
        ("整改率提高2个百分点。", "2个百分点", "个百分点", nil, .change),
        ("化解成功率41.3%。", "41.3%", "%", nil, .rate),
        ("力争矛盾纠纷化解率达到98%以上。", "98%以上", "%", nil, .target),
        ("到2025年,目标建成调解室120个。", "120个", "个", nil, .target),
        // A target word in an earlier clause does not make a later result a target.
        ("力争全年无命案,已建成调解室120个。", "120个", "个", nil, .level),
    ] as [(String, String, String, ChangeDirection?, FigureRole)])
    func classifies(_ sentence: String, _ text: String, _ unit: String, _ change: ChangeDirection?, _ role: FigureRole) {
        #expect(FigureRole(unit: unit, change: change, sentence: sentence, text: text) == role)
    }
}
