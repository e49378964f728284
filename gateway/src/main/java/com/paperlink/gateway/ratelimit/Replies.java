package com.paperlink.gateway.ratelimit;

import java.util.ArrayList;
import java.util.List;

/** Turns the script's answer for n requests of one bucket into n decisions, in arrival order. */
final class Replies {

    private Replies() {
    }

    /**
     * @param reply {@code {allAccepted, counted, now, blocking, accepted, oldest}} (see sliding_window_log.lua)
     */
    static List<RateLimitDecision> decisions(List<Object> reply, RateLimitPolicy policy, int count) {
        long counted = (Long) reply.get(1);
        long now = (Long) reply.get(2);
        long blocking = (Long) reply.get(3);
        long accepted = (Long) reply.get(4);
        long oldest = (Long) reply.get(5);
        long countedBefore = counted - accepted;
        List<RateLimitDecision> decisions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (i < accepted) {
                decisions.add(RateLimitDecision.of(true, policy.requests(), countedBefore + i + 1, now, oldest,
                        policy.windowMicros()));
            } else {
                decisions.add(RateLimitDecision.of(false, policy.requests(), counted, now, blocking,
                        policy.windowMicros()));
            }
        }
        return decisions;
    }
}
