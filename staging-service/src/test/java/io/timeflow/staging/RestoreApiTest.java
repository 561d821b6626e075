package io.timeflow.staging;

import static io.timeflow.staging.Api.agent;
import static io.timeflow.staging.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.timeflow.events.staging.BackupType;
import io.timeflow.events.staging.RestoreCompleted;
import io.timeflow.events.staging.RestoreFailed;
import io.timeflow.events.staging.RestoreStarted;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Restores reported in two steps, and the staging-push rules: first FULL WITH REPLACE, the LSN chain, one at a time, files. */
@QuarkusTest
class RestoreApiTest {

    @Inject
    AgroalDataSource db;

    static String restores(Api.DS ds) {
        return "/api/v1/dsources/" + ds.id() + "/restores";
    }

    /** A start report that names its restore id (the client's own), {@code id}. */
    static String withRestoreId(String start, String id) {
        return start.replace("{\"backupSet\"", "{\"restoreId\": \"" + id + "\", \"backupSet\"");
    }

    long restoreRows(Api.DS ds) {
        return Api.count(db, "select count(*) from restore where dsource_id = ?::uuid", ds.id());
    }

    @Test
    void aRestoreIsReportedStartedThenCompletedAndBothAreOnTheTopicWithLsnsAsDecimalStrings() {
        Api.DS ds = Api.link("RESTORING");
        String first = "34000000016800037";
        String last = "34000000021600001";
        String id = agent().body(Api.full(first, last, "34000000016800037")).post(restores(ds))
                .then().statusCode(201)
                .header("Location", containsString(restores(ds) + "/"))
                .body("status", equalTo("IN_PROGRESS"))
                .body("number", equalTo(1))
                .body("backupSet.firstLsn", equalTo(first))
                .extract().path("id");
        RestoreStarted started = Api.event(ds.id(), "io.timeflow.staging.restore.started.v1", RestoreStarted.class);
        assertThat(started.restoreId()).isEqualTo(id);
        assertThat(started.backupType()).isEqualTo(BackupType.FULL);

        agent().body(Api.completion(ds)).post(restores(ds) + "/" + id + "/complete")
                .then().statusCode(200).body("status", equalTo("COMPLETED")).body("files.size()", equalTo(2));
        var seen = Api.seen(ds.id(), "io.timeflow.staging.restore.completed.v1");
        // LSNs travel as JSON strings, so no consumer loses digits
        assertThat(Api.payload(seen).path("backupSet").path("lastLsn").isTextual()).isTrue();
        assertThat(Api.payload(seen).path("backupSet").path("lastLsn").asText()).isEqualTo(last);
        RestoreCompleted completed = io.timeflow.events.EventJson.read(seen.value(), RestoreCompleted.class);
        assertThat(completed.backupSet().lastLsn()).isEqualTo(new BigInteger(last));
        assertThat(completed.backupSet().recoveryForkGuid()).isEqualTo(Api.FORK);
        assertThat(completed.replace()).isTrue();
        assertThat(completed.norecovery()).isTrue();
        assertThat(completed.files()).containsExactly(ds.file("sp.mdf"), ds.file("sp_log.ldf"));
        as("viewer").get("/api/v1/dsources/" + ds.id()).then()
                .body("chain.positionLsn", equalTo(last)).body("chain.baseType", equalTo("FULL"))
                .body("lastRestoreId", equalTo(id));
        assertThat(Api.count(db, "select count(*) from restore where id = ?::uuid and last_lsn = ?::numeric(25,0)", id, last))
                .isEqualTo(1);
    }

    @Test
    void theFirstRestoreMustBeAFullBackupWithReplaceAndARefusalWritesNothing() {
        Api.DS ds = Api.link("RESTORING");
        long outbox = Api.outboxRows(db, ds.id());
        agent().body(Api.log("100", "200")).post(restores(ds))
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("FIRST_RESTORE_MUST_BE_FULL_WITH_REPLACE"));
        agent().body(Api.start(Api.backupSet("FULL", "100", "200", "150", null), false, true)).post(restores(ds))
                .then().statusCode(422).body("code", equalTo("FIRST_RESTORE_MUST_BE_FULL_WITH_REPLACE"))
                .body("detail", containsString("without REPLACE"));
        assertThat(restoreRows(ds)).isZero();
        assertThat(Api.outboxRows(db, ds.id())).isEqualTo(outbox);
        Api.restored(ds, Api.full("100", "200", "150"));
    }

    @Test
    void logBackupsContinueTheChainAndABreakIsRefusedNamingTheMissingLsnRange() {
        Api.DS ds = Api.link("RESTORING");
        Api.restored(ds, Api.full("1000", "2000", "1500"));
        Api.restored(ds, Api.log("1800", "3000"));
        Api.restored(ds, Api.log("3000", "4000"));
        long rows = restoreRows(ds);
        agent().body(Api.log("4500", "5000")).post(restores(ds))
                .then().statusCode(422)
                .body("code", equalTo("LSN_CHAIN_BROKEN"))
                .body("context.missingFromLsn", equalTo("4000"))
                .body("context.missingToLsn", equalTo("4500"))
                .body("detail", containsString("4000 to 4500 are missing"));
        assertThat(restoreRows(ds)).isEqualTo(rows);
        Api.restored(ds, Api.log("4000", "4500"));
        Api.restored(ds, Api.log("4500", "5000"));
    }

    @Test
    void lsnsAreComparedAsNumbersUpToTwentyFiveDigits() {
        Api.DS ds = Api.link("RESTORING");
        Api.restored(ds, Api.full("10", "99", "50"));
        // "100" sorts before "99" as text; as numbers it follows
        Api.restored(ds, Api.log("99", "100"));
        Api.restored(ds, Api.log("100", "9999999999999999999999998"));
        Api.restored(ds, Api.log("9999999999999999999999998", "9999999999999999999999999"));
        as("viewer").get("/api/v1/dsources/" + ds.id()).then().body("chain.positionLsn", equalTo("9999999999999999999999999"));
    }

    @Test
    void aDifferentialMustBelongToTheLastFullRestored() {
        Api.DS ds = Api.link("RESTORING");
        Api.restored(ds, Api.full("1000", "2000", "1500"));
        agent().body(Api.diff("2500", "3000", "1499")).post(restores(ds))
                .then().statusCode(422).body("code", equalTo("DIFFERENTIAL_BASE_MISMATCH"))
                .body("context.baseCheckpointLsn", equalTo("1500"));
        Api.restored(ds, Api.diff("2500", "3000", "1500"));
        Api.restored(ds, Api.log("2900", "3500"));
    }

    @Test
    void onlyOneRestoreMayBeInProgress() {
        Api.DS ds = Api.link("RESTORING");
        String first = Api.started(ds, Api.full("100", "200", "150"));
        agent().body(Api.full("300", "400", "350")).post(restores(ds))
                .then().statusCode(409).body("code", equalTo("RESTORE_IN_PROGRESS")).body("context.restoreId", equalTo(first));
        assertThat(restoreRows(ds)).isEqualTo(1);
        assertThat(Api.count(db, "select count(*) from restore where dsource_id = ?::uuid and status = 'IN_PROGRESS'",
                ds.id())).isEqualTo(1);
    }

    @Test
    void aRestoreIdIsRefusedAgainWhereverItWasReported() {
        Api.DS ds = Api.link("RESTORING");
        Api.DS other = Api.link("RESTORING");
        String running = Api.started(ds, Api.full("100", "200", "150"));
        String again = withRestoreId(Api.full("100", "200", "150"), running);
        // the id of the restore in progress: reported already (not "another restore in progress")
        agent().body(again).post(restores(ds))
                .then().statusCode(409).body("code", equalTo("RESTORE_ALREADY_REPORTED")).body("context.status", equalTo("IN_PROGRESS"));
        // the same id into another dSource, which has no restore in progress
        agent().body(again).post(restores(other))
                .then().statusCode(409).body("code", equalTo("RESTORE_ALREADY_REPORTED")).body("context.restoreId", equalTo(running));
        assertThat(restoreRows(ds)).isEqualTo(1);
        assertThat(restoreRows(other)).isZero();
    }

    @Test
    void outOfOrderReportsAre409s() {
        Api.DS ds = Api.link("RESTORING");
        String never = UUID.randomUUID().toString();
        agent().body(Api.completion(ds)).post(restores(ds) + "/" + never + "/complete")
                .then().statusCode(409).body("code", equalTo("RESTORE_NOT_STARTED"));
        agent().body("{\"reason\": \"x\"}").post(restores(ds) + "/" + never + "/fail")
                .then().statusCode(409).body("code", equalTo("RESTORE_NOT_STARTED"));
        String id = Api.restored(ds, Api.full("100", "200", "150"));
        long outbox = Api.outboxRows(db, ds.id());
        agent().body(Api.completion(ds)).post(restores(ds) + "/" + id + "/complete")
                .then().statusCode(409).body("code", equalTo("RESTORE_NOT_IN_PROGRESS")).body("context.status", equalTo("COMPLETED"));
        agent().body("{\"reason\": \"late\"}").post(restores(ds) + "/" + id + "/fail")
                .then().statusCode(409).body("code", equalTo("RESTORE_NOT_IN_PROGRESS"));
        // starting the same restore id again is refused too
        agent().body(withRestoreId(Api.full("100", "200", "150"), id))
                .post(restores(ds)).then().statusCode(409).body("code", equalTo("RESTORE_ALREADY_REPORTED"));
        assertThat(Api.outboxRows(db, ds.id())).isEqualTo(outbox);
    }

    @Test
    void aFailedRestoreIsPublishedAndLeavesTheChainWhereItWas() {
        Api.DS ds = Api.link("RESTORING");
        Api.restored(ds, Api.full("100", "200", "150"));
        String id = Api.started(ds, Api.log("180", "300"));
        agent().body("{\"reason\": \"Msg 3013: RESTORE LOG is terminating abnormally\"}").post(restores(ds) + "/" + id + "/fail")
                .then().statusCode(200).body("status", equalTo("FAILED"));
        RestoreFailed failed = Api.event(ds.id(), "io.timeflow.staging.restore.failed.v1", RestoreFailed.class);
        assertThat(failed.restoreId()).isEqualTo(id);
        assertThat(failed.reason()).contains("Msg 3013");
        as("viewer").get("/api/v1/dsources/" + ds.id()).then().body("chain.positionLsn", equalTo("200"));
        Api.restored(ds, Api.log("180", "300"));
    }

    @Test
    void databaseFilesInASubDirectoryAreRefusedNamingEachOffendingPath() {
        Api.DS ds = Api.link("RESTORING");
        String id = Api.started(ds, Api.full("100", "200", "150"));
        String nested1 = ds.file("folder1\\sp.mdf");
        String nested2 = ds.file("folder1\\folder2\\sp_log.ldf");
        agent().body("{\"files\": [\"" + Api.json(ds.file("ok.ndf")) + "\", \"" + Api.json(nested1) + "\", \""
                        + Api.json(nested2) + "\"]}")
                .post(restores(ds) + "/" + id + "/complete")
                .then().statusCode(422).body("code", equalTo("FILES_OUTSIDE_MOUNT_DIRECTORY"))
                .body("errors.field", equalTo(List.of("files[1]", "files[2]")))
                .body("errors[0].message", containsString(nested1))
                .body("errors[1].message", containsString(nested2));
        // nothing recorded: the restore is still in progress and can be reported failed
        as("viewer").get(restores(ds) + "/" + id).then().body("status", equalTo("IN_PROGRESS"));
        agent().body("{\"reason\": \"files outside the mount\"}").post(restores(ds) + "/" + id + "/fail").then().statusCode(200);
    }

    @Test
    void aMoveTargetOutsideTheMountsDbDirectoryIsRefusedBeforeTheRestoreRuns() {
        Api.DS ds = Api.link("RESTORING");
        String body = Api.full("100", "200", "150").replace("\"norecovery\": true",
                "\"norecovery\": true, \"move\": [{\"logicalName\": \"sp\", \"physicalName\": \"" + Api.json(ds.file("sp.mdf"))
                        + "\"}, {\"logicalName\": \"sp_log\", \"physicalName\": \"D:\\\\logs\\\\sp_log.ldf\"}]");
        agent().body(body).post(restores(ds)).then().statusCode(422)
                .body("code", equalTo("FILES_OUTSIDE_MOUNT_DIRECTORY"))
                .body("errors[0].field", equalTo("move[1].physicalName"));
        assertThat(restoreRows(ds)).isZero();
    }

    @Test
    void aRestoringModeDSourceRestoresWithNorecoveryAndTakesNoBacpac() {
        Api.DS ds = Api.link("RESTORING");
        agent().body(Api.start(Api.backupSet("FULL", "100", "200", "150", null), true, false)).post(restores(ds))
                .then().statusCode(422).body("code", equalTo("NORECOVERY_REQUIRED"));
        agent().body(Api.start(Api.backupSet("BACPAC", null, null, null, null), true, false)).post(restores(ds))
                .then().statusCode(422).body("code", equalTo("BACPAC_REQUIRES_ONLINE_MODE"));
    }

    @Test
    void anOnlineModeDSourceTakesABacpacImportAndNoLogAfterARecoveredFull() {
        Api.DS ds = Api.link("ONLINE");
        Api.restored(ds, Api.start(Api.backupSet("BACPAC", null, null, null, null), false, false));
        agent().body(Api.log("100", "200")).post(restores(ds)).then().statusCode(422).body("code", equalTo("NO_FULL_BACKUP_BASE"));
        Api.restored(ds, Api.start(Api.backupSet("FULL", "100", "200", "150", null), true, false));
        agent().body(Api.log("180", "300")).post(restores(ds)).then().statusCode(422).body("code", equalTo("DATABASE_RECOVERED"));
    }

    @Test
    void aBackupOfAReadOnlySourceIsAcceptedWithAWarning() {
        Api.DS ds = Api.link("RESTORING");
        agent().body(Api.full("100", "200", "150").replace("\"sourceReadOnly\": false", "\"sourceReadOnly\": true"))
                .post(restores(ds)).then().statusCode(201).body("warnings[0].code", equalTo("SOURCE_READ_ONLY"));
    }

    @Test
    void theHistoryIsListedNewestFirstAndFiltersByStatus() {
        Api.DS ds = Api.link("RESTORING");
        String a = Api.restored(ds, Api.full("100", "200", "150"));
        String b = Api.restored(ds, Api.log("180", "300"));
        String c = Api.started(ds, Api.log("300", "400"));
        as("viewer").get(restores(ds)).then().statusCode(200)
                .body("items.id", equalTo(List.of(c, b, a))).body("items.number", equalTo(List.of(3, 2, 1)))
                .body("total", equalTo(3));
        as("viewer").queryParam("status", "COMPLETED").get(restores(ds)).then().body("items.id", equalTo(List.of(b, a)));
        as("viewer").queryParam("status", "DONE").get(restores(ds)).then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
    }

    @Test
    void aBackupSetReadAfterTheRestoreMustBeTheOneStarted() {
        Api.DS ds = Api.link("RESTORING");
        String id = Api.started(ds, Api.full("100", "200", "150"));
        agent().body("{\"files\": [\"" + Api.json(ds.file("sp.mdf")) + "\"], \"backupSet\": "
                        + Api.backupSet("FULL", "100", "201", "150", null) + "}")
                .post(restores(ds) + "/" + id + "/complete")
                .then().statusCode(422).body("code", equalTo("BACKUP_SET_MISMATCH"))
                .body("errors[0].field", equalTo("backupSet.lastLsn"));
        agent().body("{\"files\": [\"" + Api.json(ds.file("sp.mdf")) + "\"], \"backupSet\": "
                        + Api.backupSet("FULL", "100", "200", "150", null) + "}")
                .post(restores(ds) + "/" + id + "/complete").then().statusCode(200);
    }

    @Test
    void badRestoreReportsAre400sNamingTheField() {
        Api.DS ds = Api.link("RESTORING");
        // an LSN as a JSON number would lose digits in many clients: strings only
        agent().body(Api.full("100", "200", "150").replace("\"firstLsn\": \"100\"", "\"firstLsn\": 100"))
                .post(restores(ds)).then().statusCode(400).body("errors[0].field", equalTo("backupSet.firstLsn"));
        agent().body(Api.full("100", "12345678901234567890123456", "150")).post(restores(ds))
                .then().statusCode(400).body("errors[0].field", equalTo("backupSet.lastLsn"))
                .body("detail", not(containsString("12345678901234567890123456")));
        agent().body(Api.full("100", "-5", "150")).post(restores(ds)).then().statusCode(400);
        agent().body(Api.start(Api.backupSet("FULL", null, null, null, null), true, true)).post(restores(ds))
                .then().statusCode(400)
                .body("errors.field", hasItems("backupSet.firstLsn", "backupSet.lastLsn", "backupSet.checkpointLsn"));
        agent().body(Api.start(Api.backupSet("INCREMENTAL", "1", "2", null, null), true, true)).post(restores(ds))
                .then().statusCode(400).body("errors[0].field", equalTo("backupSet.type"));
        agent().body("{\"backupSet\": " + Api.backupSet("LOG", "1", "2", null, null) + "}").post(restores(ds))
                .then().statusCode(400).body("errors.field", hasItems("replace", "norecovery"));
        String id = Api.started(ds, Api.full("100", "200", "150"));
        agent().body("{\"files\": []}").post(restores(ds) + "/" + id + "/complete")
                .then().statusCode(400).body("errors[0].field", equalTo("files"));
        agent().body("{\"files\": [\"x\"], \"finishedAt\": \"yesterday\"}").post(restores(ds) + "/" + id + "/complete")
                .then().statusCode(400).body("errors[0].field", equalTo("finishedAt"));
        agent().body("{\"reason\": \"\"}").post(restores(ds) + "/" + id + "/fail")
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
        assertThat(restoreRows(ds)).isEqualTo(1);
    }

    @Test
    void unknownDSourcesAndRestoresAre404sAndOnlyAgentsReport() {
        Api.DS ds = Api.link("RESTORING");
        agent().body(Api.full("100", "200", "150")).post("/api/v1/dsources/" + UUID.randomUUID() + "/restores")
                .then().statusCode(404);
        as("viewer").get(restores(ds) + "/" + UUID.randomUUID()).then().statusCode(404);
        as("viewer").body(Api.full("100", "200", "150")).post(restores(ds)).then().statusCode(403);
        as("operator").body(Api.full("100", "200", "150")).post(restores(ds)).then().statusCode(403);
        as("agent").get(restores(ds)).then().statusCode(403);
        as("admin").get(restores(ds)).then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void theStartersIdentityIsRecorded() {
        Api.DS ds = Api.link("RESTORING");
        String id = Api.started(ds, Api.full("100", "200", "150"));
        as("viewer").get(restores(ds) + "/" + id).then().body("reportedBy", equalTo("agent-user"));
        as("viewer").get(restores(ds)).then().body("items.reportedBy", hasItem("agent-user"));
    }
}
