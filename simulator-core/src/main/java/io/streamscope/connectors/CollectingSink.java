package io.streamscope.connectors;

/**
 * A sink that writes everything it receives into an in-engine log table (its contents are the output tables the
 * views show), with a delivery guarantee: plain writes, or transactions committed on checkpoints.
 */
public record CollectingSink(String name, DeliveryGuarantee guarantee) {
    public CollectingSink {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a sink needs a name");
        }
        if (guarantee == null) {
            guarantee = DeliveryGuarantee.NONE;
        }
    }

    /** A sink without a delivery guarantee of its own: it writes what it receives. */
    public CollectingSink(String name) {
        this(name, DeliveryGuarantee.NONE);
    }
}
