#pragma once
// Erlang's loss formula (Erlang B): the share of arrivals turned away when Poisson arrivals of
// offered load A (arrival rate x mean holding time, in erlangs) meet n servers and no queue. It is
// how a Lambda function behaves at its concurrency limit: an invocation that finds every
// environment busy is throttled, not queued (resources/help/aws-behaviour.md §1, "Throttling").

namespace swb {

// B(n, A) by the stable recurrence B(0) = 1, B(k) = A B(k-1) / (k + A B(k-1)).
double erlangB(int servers, double offeredLoad);

// The fewest servers whose blocking is at most `target` (0 < target < 1) for the offered load;
// capped at `maxServers` (returned when even that many do not reach the target).
int serversForBlocking(double offeredLoad, double target, int maxServers);

} // namespace swb
