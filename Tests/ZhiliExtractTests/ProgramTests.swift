import Testing
import ZhiliCore
import ZhiliExtract

@Suite struct ProgramTests {
    @Test(arguments: [
        ("近日,在“老李调解室”里,居民正在讲述。", ["老李调解室"]),
        ("坚持和发展新时代“枫桥经验”。", ["枫桥经验"]),
        ("在全市公安系统全面运行信访“两全”代办制。", ["两全代办制"]),
        ("村里设立了“老支书”调解室。", ["老支书调解室"]),
        ("以“三查一控”专项行动为牵引。", ["三查一控专项行动"]),
        ("扎实开展平安系列清查、“三查一控”“缉枪治爆”等专项行动。", ["三查一控", "缉枪治爆"]),
        ("加快推进“雪亮工程”“智慧法院”“数字检察”建设。", ["雪亮工程", "智慧法院", "数字检察"]),
        ("大力推广“五人小组工作法”等经验做法。", ["五人小组工作法"]),
        ("实行“一格一长一警一专多兼”管理模式。", ["一格一长一警一专多兼管理模式"]),
        ("健全完善党政军警民“五位一体”治边格局。", ["五位一体"]),
        ("建成“乌海24小时警局”。", ["乌海24小时警局"]),
        ("“平安巴彦淖尔”这张亮丽名片。", ["平安巴彦淖尔"]),
        ("新城区公安分局联合12345市民服务热线开展服务。", ["12345市民服务热线"]),
        ("全市110接处警平台运行良好。", ["110接处警平台"]),
        // A quoted head joined to its type word across a short modifier; 新 before it is not kept.
        ("创新建立“三全三新”一站式矛盾纠纷化解工作法,探索新路径。", ["三全三新一站式矛盾纠纷化解工作法"]),
        ("建立“1+8”矛盾纠纷多元化解新机制。", ["1+8矛盾纠纷多元化解机制"]),
        ("形成“周调度、月通报、季总结”推进机制,确保落地。", ["周调度、月通报、季总结推进机制"]),
        ("出台“接诉即办”制度,落实“首问负责制”。", ["接诉即办制度", "首问负责制"]),
        ("按照“五单两函”工作流程办理。", ["五单两函工作流程"]),
        ("推进“最多跑一地”改革。", ["最多跑一地改革"]),
        ("与“不忘初心、牢记使命”主题教育紧密结合。", ["不忘初心、牢记使命主题教育"]),
        ("餐馆里“光盘”行动蔚然成风。", ["光盘行动"]),
        ("培育新能矿业“和文化”调解工作室等社会组织。", ["和文化调解工作室"]),
        // Nested quotes are not part of the name; a later short mention is an alias.
        ("市里启动“全民反诈骗‘三个一百万’”系列宣传活动。在“三个一百万”宣传活动开展期间。", ["全民反诈骗三个一百万系列宣传活动"]),
        // Counted methods, branded teams, named layouts.
        ("采取“三分吸附法”的措施。", ["三分吸附法"]),
        ("派出所“侨乡护边队”的队员巡边。", ["侨乡护边队"]),
        ("综治中心共设立“一厅二站七室四中心”,即群众接待大厅。", ["一厅二站七室四中心"]),
        // Unquoted names need something that makes them a name: a coinage (ABAC), digits, a
        // place, a term quoted elsewhere in the article; 代办制 names a system by itself.
        ("建立即知即调机制,推动小矛盾就地疏解。", ["即知即调机制"]),
        ("大力推行信访代办制。", ["信访代办制"]),
        ("在“两伊”公路旁,有一间两伊路边调解服务室。", ["两伊路边调解服务室"]),
        ("“护边驿站”“蒙古包哨所”等特色护边模式如雨后春笋。", ["护边驿站", "蒙古包哨所"]),
        ("先后举办“人民调解岗位大练兵”6期。", ["人民调解岗位大练兵"]),
        // A branded service point (驿站) is a named service.
        ("依托“爱心驿站”为群众提供服务。", ["爱心驿站"]),
        // Items listed before 等…品牌 are programs, quoted or not.
        ("组建居延警队、陶来神舟警队、航天护卫队等警务品牌。", ["居延警队", "陶来神舟警队", "航天护卫队"]),
    ])
    func findsPrograms(_ sentence: String, _ names: [String]) throws {
        let programs = try ExtractionFixture.record(sentence).programs
        #expect(programs.map(\.name) == names)
    }

    @Test(arguments: [
        "“打铁先得自身硬”。",
        "为了达到“随风潜入夜,润物细无声”的宣传效果。",
        "在“鸡毛蒜皮”的琐碎里,李明靠着人熟地熟。",
        "坚决守好老年人的“钱袋子”。",
        "建起警民沟通的“连心桥”。",
        "实现“两降两升”目标。",
        "讲解电诈案件及“两卡”违法典型案例。",
        "调解室不大,却承担着重任。",
        "提供规范高效有序运行机制。",
        "全面推行以网格化为架构的基层治理模式,合理划分网格。",
        "来到市中心医院等人员密集场所。",
        "扎实做好维护国家政治安全这个首要性工程。",
        "提供多元服务 打造矛盾化解新模式",
        "一条热线,情牵两头。",
        "实行“一体化”实体化运行。",
        "市民只需拨打“12345”就能获得服务。",
        "“人性化执法”是大队工作的又一大特色。",
        "为实现“三化”目标,民警们按照上级部署。",
        "县、乡、村级综治中心覆盖率达100%。",
        "以“卖车收取定金”的方式诱骗受害人。",
        "推出“一站式”办理服务。",
        // Facilities and institutions, with or without a region in front.
        "东胜区综治中心与区级矛盾纠纷多元化解中心实行一体化运行。",
        "突泉县居民张某到突泉县综治中心求助。",
        "关键时刻,科尔沁镇社会治安综合治理中心迅速响应。",
        "当事人来到阿荣旗矛盾纠纷调处中心。",
        "群众可到“矛盾纠纷多元化解中心”反映诉求。",
        "检察服务中心和诉讼服务中心入驻。",
        "市、区级成立“一站式矛盾纠纷调处中心”。",
        // Descriptive names: ordinary words before the type word say what it does, not its name.
        "现已在五个旗县成立了电力警务室,实现全覆盖。",
        "深入开展打击整治养老诈骗专项行动,核查线索。",
        "全力打造矛盾纠纷在线调解平台（ODR）。",
        "创新“警力跟着警情走”的等级化勤务模式。",
        "健全完善矛盾纠纷多元化解机制,形成合力。",
        "同时,出台专项监督机制,破解工作难题。",
        "设立住建领域调解室、劳动纠纷调解室、妇女儿童调解室。",
        "打造“一站式”矛盾纠纷调处平台。",
        // Groups of institutions, measures, goals, quotes that qualify a noun.
        "全力做好“四所一庭”衔接联动工作。",
        "建立“调解成功率”“群众满意度”考核体系。",
        "围绕“平安乌兰察布”建设目标,运用法治手段。",
        "因地制宜探索打造“调解+服务”有机融合的牧区模式。",
        "开展矛盾纠纷化解和信访工作法治化试点。",
        // A numeral closing the modifier (a crash once: the formula test looked past its end).
        "建立网格三机制。",
        "打造调解二平台。",
        // A word that continues the type word (工程款, 工程师) and an amount with its unit are no name.
        "王某拖欠3万元工程款迟迟未付。",
        "县里聘请2名工程师驻村。",
        "财政投入500万元平台建设资金。",
    ])
    func ignoresSlogansAndGenericPhrases(_ sentence: String) throws {
        let programs = try ExtractionFixture.record(sentence).programs
        #expect(programs.isEmpty, "\(programs.map(\.name))")
    }

    @Test func programCarriesOffsetsSentenceAndRegion() throws {
        let text = "乌海市公安系统坚持和发展新时代“枫桥经验”。另一句。"
        let program = try #require(try ExtractionFixture.record(text).programs.first)
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[program.start..<program.end])) == "“枫桥经验”")
        #expect(program.sentence == "乌海市公安系统坚持和发展新时代“枫桥经验”。")
        #expect(program.region?.code == "150300")
    }

    /// A name written with and without its type word is one program with an alias.
    @Test(arguments: [
        ("以“三查一控”专项行动为牵引。扎实开展“三查一控”“缉枪治爆”等专项行动。",
         ["三查一控", "缉枪治爆"], ["三查一控": ["三查一控专项行动"]]),
        ("推广“五人小组”经验。大力推广“五人小组工作法”等经验做法。", ["五人小组工作法"], ["五人小组工作法": ["五人小组"]]),
        ("开展“打防管控”专项行动。全市坚持“打防管控”一体推进。", ["打防管控"], ["打防管控": ["打防管控专项行动"]]),
    ] as [(String, [String], [String: [String]])])
    func keepsOneNamePerProgramWithItsAliases(_ text: String, _ names: [String], _ aliases: [String: [String]]) throws {
        let programs = try ExtractionFixture.record(text).programs
        #expect(programs.map(\.name) == names)
        for program in programs { #expect(program.aliases == aliases[program.name, default: []], "\(program.name)") }
    }

    /// Spaces from page layout inside a name (a justified column, a broken line) are not part of it.
    @Test(arguments: [
        ("近日,在“老 李调解室”里,居民正在讲述。", "老李调解室"),
        ("村里设立了“ 老支书调解室”。", "老支书调解室"),
        ("推广“ODR 在线调解”平台。", "ODR在线调解平台"),
    ])
    func layoutSpacesAreNotPartOfAName(_ sentence: String, _ name: String) throws {
        #expect(try ExtractionFixture.record(sentence).programs.map(\.name) == [name])
    }

    @Test func knownProgramsAreUserSupplied() throws {
        let extractor = try Extractor(knownPrograms: ["网格夜话"])
        let record = try extractor.extract(Article(source: "t", paragraphs: ["各社区办起“网格夜话”。"]))
        #expect(record.programs.map(\.name) == ["网格夜话"])
    }
}
