/// Articles written for the cleaning tests, in the shapes of local-governance news: headings
/// with a space between their halves, list subheads (`一、`), numbered items, quotations, a
/// lead-in ending in a colon, figures with digits and a Latin word (`APP`).
enum TestArticles {
    /// One article: its title and body paragraphs.
    struct Article {
        var title: String
        var paragraphs: [String]
    }

    static let all: [Article] = [
        Article(title: "网格化管理织密基层平安网", paragraphs: [
            "近年来，某旗坚持党建引领，把全旗划分为312个网格，配备专兼职网格员860名，做到“人在格中走，事在网中办”。",
            "织密网格 服务群众",
            "“以前邻里有了矛盾，总想着找人评评理，现在网格员上门就能解决。”家住城关镇幸福社区的居民张某说。",
            "今年以来，全旗网格员累计走访群众2.3万户次，排查化解矛盾纠纷1024起，化解率达98.6%，同比上升1.2个百分点。",
            "一、强化源头预防",
            "各苏木乡镇建立“一周一排查、一月一研判”工作机制，对排查出的风险隐患实行清单化管理、销号式推进。",
            "二、推动多元化解",
            "该旗整合人民调解、行政调解、司法调解力量，在旗综治中心设立“一站式”矛盾纠纷调处窗口，群众反映的问题由窗口统一受理、分流交办、跟踪督办。",
            "下一步，该旗将持续深化“网格+”服务模式，推动更多资源力量向基层下沉，不断提升基层治理的精细化水平。",
        ]),
        Article(title: "守护群众“钱袋子” 反诈宣传进万家", paragraphs: [
            "为切实提高群众识骗防骗能力，某市公安局反诈中心联合多部门开展“反诈宣传进万家”主题活动。",
            "活动现场，民警通过展板、宣传册和真实案例，向群众讲解刷单返利、虚假投资理财、冒充客服退款等常见诈骗手法，提醒大家下载“国家反诈中心”APP。",
            "据统计，活动共发放宣传资料5000余份，帮助群众安装APP 1200余人次，现场受理群众咨询300余人次。",
            "民警提醒：凡是自称“客服”要求转账的，都是诈骗；凡是要求下载共享屏幕软件的，都是诈骗。",
        ]),
        Article(title: "调解室里化纠纷", paragraphs: [
            "在某区人民调解中心，记者看到这样一份工作台账：",
            "1.受理邻里纠纷46件，调解成功45件；",
            "2.受理婚姻家庭纠纷31件，调解成功29件；",
            "3.受理劳资纠纷18件，帮助农民工追回欠薪37.5万元。",
            "“调解不是和稀泥，而是要把法理情讲透。”从事人民调解工作十二年的老党员赵桂兰说。",
        ]),
    ]
}
