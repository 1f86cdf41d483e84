#pragma once
// What a producer's SDK retries leave in the counters (core/sdkretry.h, aws-behaviour.md §10),
// for the tests of the request quotas that throttle it.

#include "simtestutil.h"

#include <QtTest>

namespace swb::core::test {

// Every throttled attempt on `target` is either retried by source 0's SDK or, on the third, lost;
// the ledger counts the lost ones rejected.
inline void checkSdkAccounting(const Simulation &sim, ComponentRef target, const char *throttles)
{
    QCOMPARE(total(sim, target, throttles),
             total(sim, src(0), "source.sdk_retries") + total(sim, src(0), "source.sdk_lost"));
    QCOMPARE(double(sim.ledger().rejected), total(sim, src(0), "source.sdk_lost"));
    QVERIFY(sim.ledger().balanced());
}

} // namespace swb::core::test
