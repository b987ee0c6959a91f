import Testing
@testable import ZhiliPostgres

@Suite struct ConnectionStringTests {
    @Test func readsEveryPart() throws {
        let location = try ConnectionString("postgres://zhili:s%40cret@db.example:6543/zhili_prod?sslmode=require", environment: [:])
        #expect(location.user == "zhili")
        #expect(location.password == "s@cret")
        #expect(location.host == "db.example")
        #expect(location.port == 6543)
        #expect(location.database == "zhili_prod")
        #expect(location.tls == .require)
        #expect(location.description == "postgres://zhili@db.example:6543/zhili_prod")
    }

    @Test func defaultsPortTLSUserAndPassword() throws {
        let location = try ConnectionString("postgresql://127.0.0.1/zhili", environment: ["USER": "ops", "PGPASSWORD": "pw"])
        #expect(location.user == "ops")
        #expect(location.password == "pw")
        #expect(location.port == 5432)
        #expect(location.tls == .disable)
    }

    @Test(arguments: [
        ("zhili.db", "must start with postgres://"),
        ("postgres:///zhili", "no host"),
        ("postgres://u@127.0.0.1", "no database name"),
        ("postgres://u@127.0.0.1/", "no database name"),
        ("postgres://u@127.0.0.1:70000/z", "not between 1 and 65535"),
        ("postgres://u@127.0.0.1/z?sslmode=maybe", "sslmode must be"),
        ("postgres://u@127.0.0.1/z?pool=3", "unknown parameter 'pool'"),
        ("postgres://u@127.0.0.1/a/b", "holds a '/'"),
        ("postgres://127.0.0.1/z", "no user"),
    ])
    func rejectsWithTheReason(_ text: String, _ reason: String) {
        #expect {
            _ = try ConnectionString(text, environment: [:])
        } throws: { error in
            "\(error)".contains(reason) && "\(error)".contains("expected postgres://")
        }
    }

    @Test func messagesNeverShowThePassword() {
        #expect {
            _ = try ConnectionString("postgres://u:hunter2@127.0.0.1", environment: [:])
        } throws: { error in
            !"\(error)".contains("hunter2") && "\(error)".contains("u:***@")
        }
    }

    @Test func tellsPostgresFromSQLite() {
        #expect(ConnectionString.isPostgres("postgres://u@h/d"))
        #expect(ConnectionString.isPostgres("postgresql://u@h/d"))
        #expect(!ConnectionString.isPostgres("zhili.db"))
        #expect(!ConnectionString.isPostgres("/data/postgres/zhili.db"))
    }
}
