import Testing
@testable import ZhiliIngest

@Suite struct JustificationSpacesTests {
    @Test(arguments: [
        ("国 家 安 全", "国家安全"),
        ("域 和 全 过", "域和全过"),
        ("(本报记者 赛娜 通 讯 员 张家欣 王小玉)", "(本报记者 赛娜 通讯员 张家欣 王小玉)"),
        ("区有人自发组织向居民收取 2600元的燃气改造费用", "区有人自发组织向居民收取2600元的燃气改造费用"),
        ("乌海市整合划分了 640个线上线下", "乌海市整合划分了640个线上线下"),
        ("安全生产 15条硬措", "安全生产15条硬措"),
        ("尾部空格  ", "尾部空格"),
        // Punctuation spread like the characters around it.
        ("观 ， 坚 持 把", "观，坚持把"),
        ("“ 两 全 ” 代 办", "“两全”代办"),
        ("定 。", "定。"),
        ("收 取 2 6 0 0 元", "收取2600元"),
        ("苑 , 率 先", "苑,率先"),
    ])
    func removesJustification(input: String, expected: String) {
        #expect(JustificationSpaces().repair(input) == expected)
    }

    @Test(arguments: [
        "深化基层治理 筑牢社会安全屏障",
        "平安建设护稳定 社会治理促和谐",
        "黄海龙 摄",
        "胡日查 韩学文 王越 高敏娜",
        "Hello world 2023",
        "没有空格的句子。",
        "张家欣 、 王小玉",
        "Scores of 12 and 15",
    ])
    func keepsWordSpaces(input: String) {
        #expect(JustificationSpaces().repair(input) == input)
    }
}
