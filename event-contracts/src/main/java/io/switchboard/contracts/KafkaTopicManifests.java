package io.switchboard.contracts;

/**
 * Writes the topic catalogue as Strimzi {@code KafkaTopic} resources for Kubernetes, so a cluster gets exactly the
 * topics the local platform and the tests create. The committed {@code deploy/kubernetes/kafka-topics.yaml} is this
 * output; a test fails when the two drift, and leaves the fresh output in
 * {@code event-contracts/target/kafka-topics.yaml} to copy over it.
 */
public final class KafkaTopicManifests {

    /** Production replication: three brokers, and an acknowledged write is on two of them. */
    static final int REPLICAS = 3;
    static final int MIN_IN_SYNC_REPLICAS = 2;
    static final String CLUSTER = "switchboard";

    private KafkaTopicManifests() {
    }

    public static String render() {
        StringBuilder yaml = new StringBuilder("# Generated from event-contracts/src/main/resources/switchboard/topics.json"
                + " by io.switchboard.contracts.KafkaTopicManifests: do not edit by hand.\n");
        for (Topic topic : TopicCatalogue.topics()) {
            yaml.append("---\n")
                    .append("apiVersion: kafka.strimzi.io/v1beta2\n")
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(topic.name()).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(CLUSTER).append('\n')
                    .append("    app.kubernetes.io/part-of: switchboard\n")
                    .append("spec:\n")
                    .append("  topicName: ").append(topic.name()).append('\n')
                    .append("  partitions: ").append(topic.partitions()).append('\n')
                    .append("  replicas: ").append(REPLICAS).append('\n')
                    .append("  config:\n");
            topic.brokerConfig().forEach((name, value) -> yaml.append("    ").append(name).append(": ").append(value).append('\n'));
            yaml.append("    min.insync.replicas: ").append(MIN_IN_SYNC_REPLICAS).append('\n');
        }
        return yaml.toString();
    }
}
