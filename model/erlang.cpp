#include "model/erlang.h"

#include <cmath>

namespace swb {

double erlangB(int servers, double offeredLoad)
{
    if (!(offeredLoad > 0))
        return 0;
    double b = 1;
    for (int k = 1; k <= servers; ++k)
        b = offeredLoad * b / (k + offeredLoad * b);
    return b;
}

int serversForBlocking(double offeredLoad, double target, int maxServers)
{
    if (!(offeredLoad > 0))
        return 0;
    double b = 1;
    for (int k = 1; k <= maxServers; ++k) {
        b = offeredLoad * b / (k + offeredLoad * b);
        if (b <= target)
            return k;
    }
    return maxServers;
}

} // namespace swb
