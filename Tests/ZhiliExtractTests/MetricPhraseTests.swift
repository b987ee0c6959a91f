import Testing
import ZhiliCore
import ZhiliExtract

@Suite struct MetricPhraseTests {
    @Test(arguments: [
        ("从2022年起,累计排查化解矛盾纠纷2000余起。", "2000余起", "排查化解矛盾纠纷"),
        // A duration closes its phrase: 年来/年前 name no metric.
        ("他从事人民调解工作24年来,化解纠纷800余件。", "24年", "从事人民调解工作"),
        ("处置完毕10870件,成功化解4493件,化解成功率41.3%,其余转入速裁程序。", "41.3%", "化解成功率"),
        ("严厉打击盗抢骗,全年刑事案件同比下降31.7%。", "31.7%", "刑事案件"),
        ("强化网格化服务管理,合理划分网格5780个,配备专兼职网格员23700人。", "5780个", "网格"),
        ("强化网格化服务管理,合理划分网格5780个,配备专兼职网格员23700人。", "23700人", "专兼职网格员"),
        ("全市整合划分为640个网格,实行网格化管理。", "640个", "网格"),
        ("打造专业性行业性调解组织39个,总结固化做法。", "39个", "专业性行业性调解组织"),
        ("该企业现有职工2000余人,其中从事安全生产工作的就有500余人。", "2000余人", "职工"),
        ("该企业现有职工2000余人,其中从事安全生产工作的就有500余人。", "500余人", "从事安全生产工作"),
        ("各站室已累计开展座谈交流、接待群众、各类活动288次。", "288次", "座谈交流、接待群众、各类活动"),
        ("2600元属于燃气报警、改造等费用。", "2600元", "燃气报警、改造等费用"),
        ("全市110接处警平台2023年共接警5.6万起。", "5.6万起", "接警"),
        ("群众安全感较上年提高2.1个百分点。", "2.1个百分点", "群众安全感"),
        ("通辽市科尔沁区、开鲁县两地刑事案件同比分别下降12.3%和8.7%。", "8.7%", "刑事案件"),
        ("全旗共有10至15个村设立调解室。", "10至15个", "村"),
        ("集宁区公安分局已在12个派出所推广经验做法。", "12个", "派出所"),
        ("小区有人向居民收取2600元的燃气改造费用。", "2600元", "燃气改造费用"),
        ("群众安全感和满意度连续三年保持在98%以上。", "98%以上", "群众安全感和满意度"),
        ("全市矛盾纠纷化解率始终保持在96%以上。", "96%以上", "矛盾纠纷化解率"),
        ("2022年,兴安盟电诈案件立案和财产损失同比分别下降34%、32%。", "34%", "电诈案件立案"),
        ("侵财、盗窃案件同比分别下降26.5%和31.1%。", "26.5%", "侵财案件"),
        ("侵财、盗窃案件同比分别下降26.5%和31.1%。", "31.1%", "盗窃案件"),
        ("落实安全生产15条硬措施、自治区53条配套举措和10个重点行业领域135条防范遏制重特大事故硬措施。", "53条", "配套举措"),
        ("落实安全生产15条硬措施、自治区53条配套举措和10个重点行业领域135条防范遏制重特大事故硬措施。", "10个", "重点行业领域"),
        ("查证包某骗取12名分布在山东省聊城市等地的受害人,涉案金额3万余元。", "12名", "受害人"),
        ("查证包某骗取12名分布在山东省聊城市等地的受害人,涉案金额3万余元。", "3万余元", "涉案金额"),
        // Kind quantifiers, quote marks and 了 say nothing about what is counted.
        ("今年以来累计化解各类矛盾纠纷2万余件。", "2万余件", "化解矛盾纠纷"),
        ("依托“护边驿站”破获案件186起。", "186起", "依托护边驿站破获案件"),
        ("他调解了各类民间纠纷800余件。", "800余件", "调解民间纠纷"),
        // The noun after a figure ends where its predicate starts.
        ("县级中心有6个部门常驻。", "6个", "部门"),
        ("16个部门联合印发实施办法。", "16个", "部门"),
        ("98%的矛盾纠纷实现了即时就地化解。", "98%", "矛盾纠纷"),
        // A period that opens the phrase is when, not what.
        ("今年1—7月电信诈骗案件立案1473起。", "1473起", "电信诈骗案件立案"),
        ("6月份全市电信诈骗案立案175起。", "175起", "电信诈骗案立案"),
        ("矛盾纠纷化解率高达99.63%。", "99.63%", "矛盾纠纷化解率"),
        // A change right after a level of its sentence is a change of that level.
        ("全市电信诈骗案件立案1473起,同比下降16.8%。", "16.8%", "电信诈骗案件立案"),
        ("6月份立案175起,同比下降36.6%,环比5月下降11.6%。", "11.6%", "立案"),
        // A place word after the noun, a total marker, a leading adverb of time, a base year.
        ("在25万平方公里的土地上,生活着各族群众。", "25万平方公里", "土地"),
        ("各级调解组织共受理矛盾纠纷27356起。", "27356起", "各级调解组织受理矛盾纠纷"),
        ("先后摸排矛盾纠纷和信访问题1.1万件。", "1.1万件", "摸排矛盾纠纷和信访问题"),
        ("全省来信来访数相比2012年下降67.3%。", "67.3%", "来信来访数"),
        ("33套系统对接省直部门。", "33套", "系统"),
        // An age is an age; the end of a span names what its start names; 以…为载体 takes a noun.
        ("今年58岁的姜志刚是司法局基层股股长。", "58岁", "年龄"),
        ("群众满意度从2020年的98.40%到2023年的99.46%。", "99.46%", "群众满意度"),
        ("以6个进驻单位和12个对接单位为载体。", "12个", "对接单位"),
        ("参与调处各类矛盾纠纷2800余起。", "2800余起", "参与调处矛盾纠纷"),
        // A duration after a verb of lasting describes the noun after 的.
        ("这起历时3年、几经反复的土地承包纠纷,在调解员帮助下化解。", "3年", "土地承包纠纷"),
        ("一场长达10年的宅基地纠纷得到化解。", "10年", "宅基地纠纷"),
        // The activity a duration measures keeps its verb; the idiom of persisting is the predicate.
        ("镇里聘请从事基层法律服务工作20余年的老党员担任调解员。", "20余年", "从事基层法律服务工作"),
        ("老张在村调委会主任岗位上一干就是15年。", "15年", "村调委会主任岗位"),
        ("她在网格员岗位上一守就是8年。", "8年", "网格员岗位"),
        // 从最初的N增至现有的M: what changed is named before 从, at both ends of the span.
        ("便民服务事项从最初的12项增至现有的30项。", "12项", "便民服务事项"),
        ("便民服务事项从最初的12项增至现有的30项。", "30项", "便民服务事项"),
        // A distance is measured from the place after 距.
        ("警务室坐落在距国界线仅有3公里远的嘎查。", "3公里", "距国界线"),
        // An opening quote does not hide a leading time word; 全镇 is the subject, not the metric.
        ("“今日巡查重点部位12处,未发现隐患。”", "12处", "巡查重点部位"),
        ("全镇调解成功率达97.5%。", "97.5%", "调解成功率"),
        // The noun after a figure ends at its predicate: a share, an adverb, what it makes up or tries.
        ("全县18个乡镇大部分建成了调解室。", "18个", "乡镇"),
        ("王某拖欠3万元工程款迟迟未付。", "3万元", "工程款"),
        ("这支由120名退役军人组成的队伍常年巡逻。", "120名", "退役军人"),
        ("他带领30户牧民探索合作经营。", "30户", "牧民"),
        // A clause of time (在…时) is not part of the noun; a figure right before another counts its noun.
        ("一行8人旅游团在途经牧区时遇险。", "8人", "旅游团"),
        ("网格员联系辖区12户35名独居老人。", "12户", "独居老人"),
        // A bracketed abbreviation stands for the name before it; 发挥…作用 takes a noun.
        ("县级社会矛盾纠纷调处化解中心(下称县级矛调中心)共接待群众101.1万人次。", "101.1万人次", "县级矛调中心接待群众"),
        ("发挥新能矿业调解工作室等42个社会组织作用。", "42个", "社会组织"),
        // A numeral and classifier count the first noun of a coordination; 力量 after it is a collective.
        ("司法、信访等9个部门及群团组织派员轮驻。", "9个", "部门"),
        ("市里抽调公安、住建等7个部门力量常驻中心。", "7个", "部门"),
        // 方面 after 个 is a second classifier: what follows it is counted.
        ("中心整合了诉讼、仲裁等5个方面资源。", "5个", "资源"),
        // Verbs that end the noun after a figure: receiving a title, making (做出/作出), 而.
        ("全盟共有12个嘎查获评民主法治示范村。", "12个", "嘎查"),
        ("该县以5年的探索作出了示范。", "5年", "探索"),
        // A figure after 从 (从最初的N) starts a span: what changed is named before 从.
        ("可办理事项从最初的15项增加到现在的40项。", "15项", "可办理事项"),
        // The subject before a frequency, 也, or a region's agency is who, not what is counted.
        ("调解室平均每年调处邻里纠纷60余件。", "60余件", "年均调处邻里纠纷"),
        ("县法院也受理涉农纠纷300余件。", "300余件", "受理涉农纠纷"),
        ("包头市公安局接报盗窃警情1200起。", "1200起", "接报盗窃警情"),
        // 开展 and 进行 are light verbs: the activity after them is counted.
        ("各嘎查组织护边员开展边境踏查900余次。", "900余次", "边境踏查"),
        ("调解员进行回访200多户。", "200多户", "回访"),
        // Verbs of publishing and handing out count their object.
        ("派出所公众号发布预警信息300余条。", "300余条", "预警信息"),
        ("民警向群众发放宣传资料5000份。", "5000份", "宣传资料"),
        // N年来, S…: the duration is how long the subject of the next clause has run.
        ("5年来,网格化管理不断深化。", "5年", "网格化管理"),
        ("10年来,这一做法已推广到全旗。", "10年", "做法"),
        // The basis of a change inside the phrase is not part of what changed.
        ("城区两个街道同比发案下降超4成。", "超4成", "城区两个街道发案"),
    ])
    func findsMetric(_ sentence: String, _ text: String, _ metric: String) throws {
        let figures = try ExtractionFixture.record(sentence).figures
        let figure = try #require(figures.first { $0.text == text })
        #expect(figure.metric == metric)
    }

    /// Phrases that come out empty after a second classifier, a 的 or a list separator.
    @Test(arguments: ["涉及5个方面、8个领域。", "共有3个的、4个的。", "3个的和4个", "5个方面和", "8个方面"])
    func phrasesThatComeOutEmptyAreNoMetric(_ sentence: String) throws {
        let figures = try ExtractionFixture.record(sentence).figures
        #expect(!figures.isEmpty)
    }

    @Test func sentenceOfOnlyANumberHasNoMetric() throws {
        let figures = try ExtractionFixture.record("共计3起。").figures
        #expect(figures.first?.metric == nil)
    }
}
