package io.timeflow.e2e;

import java.nio.file.Path;

/**
 * What the end-to-end tests run against: the packaged jars on this machine ({@link Suite}, the default)
 * or the containers of {@code ./timeflow kube} ({@link KubeSuite}, the {@code kube} profile). Either
 * way the tests talk to it through the generated clients only, and can kill a service and get it back,
 * and stop and start the broker.
 */
interface SuiteUnderTest {

    /** Endpoints for the generated clients, with an admin token the services trust. */
    Endpoints endpoints();

    /** SIGKILL: the service (its first copy, where there are several) gets no chance to finish anything. */
    void kill(String service) throws Exception;

    /** The killed service is back and ready (started again, or restarted by the platform). */
    void restart(String service) throws Exception;

    void stopKafka() throws Exception;

    void startKafka() throws Exception;

    /** Where the service's log is, for failure messages. */
    Path log(String service);

    /** The suite of this test JVM: {@code -Dtimeflow.e2e.target=kube} selects the containers of ./timeflow kube. */
    static SuiteUnderTest shared() throws Exception {
        return "kube".equals(System.getProperty("timeflow.e2e.target")) ? KubeSuite.shared() : Suite.shared();
    }
}
