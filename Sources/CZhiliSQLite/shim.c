#include <math.h>
#include <sqlite3.h>
#include "CZhiliSQLite.h"

/// The fts5_api of a connection (https://www.sqlite.org/fts5.html#extending_fts5).
static fts5_api *fts5_api_of(sqlite3 *db) {
    fts5_api *api = 0;
    sqlite3_stmt *statement = 0;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, 0) == SQLITE_OK) {
        sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", 0);
        sqlite3_step(statement);
    }
    sqlite3_finalize(statement);
    return api;
}

static void zhili_rank(
    const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *context, int argc, sqlite3_value **argv
) {
    const double k1 = 1.2, b = 0.75;
    double title_weight = argc > 0 ? sqlite3_value_double(argv[0]) : 1.0;
    int phrases = api->xPhraseCount(fts);
    int columns = api->xColumnCount(fts);
    sqlite3_int64 rows = 0, total_tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &total_tokens);
    if (rc != SQLITE_OK) { sqlite3_result_error_code(context, rc); return; }
    if (rows < 1) rows = 1;
    double average_length = (double)total_tokens / (double)rows;
    if (average_length <= 0) average_length = 1;

    int length = 0;
    rc = api->xColumnSize(fts, -1, &length);
    if (rc != SQLITE_OK) { sqlite3_result_error_code(context, rc); return; }

    // Weighted hit count of each phrase in this row.
    double frequency[64] = {0};
    int instances = 0;
    rc = api->xInstCount(fts, &instances);
    if (rc != SQLITE_OK) { sqlite3_result_error_code(context, rc); return; }
    for (int index = 0; index < instances; index++) {
        int phrase = 0, column = 0, offset = 0;
        rc = api->xInst(fts, index, &phrase, &column, &offset);
        if (rc != SQLITE_OK) { sqlite3_result_error_code(context, rc); return; }
        if (phrase < 64) frequency[phrase] += (column == 0 && columns > 1) ? title_weight : 1.0;
    }

    double score = 0;
    for (int phrase = 0; phrase < phrases && phrase < 64; phrase++) {
        if (frequency[phrase] == 0) continue;
        double documents = argc > 1 + phrase ? sqlite3_value_double(argv[1 + phrase]) : 1.0;
        if (documents < 0) documents = 0;
        double idf = log(((double)rows - documents + 0.5) / (documents + 0.5));
        if (idf <= 0) idf = 1e-6;
        double f = frequency[phrase];
        score += idf * (f * (k1 + 1.0)) / (f + k1 * (1.0 - b + b * (double)length / average_length));
    }
    sqlite3_result_double(context, score);
}

int zhili_register_rank(void *connection) {
    sqlite3 *db = (sqlite3 *)connection;
    fts5_api *api = fts5_api_of(db);
    if (!api || api->iVersion < 2) return SQLITE_ERROR;
    return api->xCreateFunction(api, "zhili_rank", 0, zhili_rank, 0);
}

int zhili_configure_sqlite(void) {
    if (sqlite3_config(SQLITE_CONFIG_MULTITHREAD) != SQLITE_OK) return 0;
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return 1;
}
