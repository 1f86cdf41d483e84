#pragma once
// Helpers shared by the benchmarks: peak resident memory from /proc (Linux), 0 elsewhere.

#include <cstdio>
#include <ctime>
#include <cstdlib>
#include <cstring>

namespace swb::core {

// Processor time of this process in seconds: on a shared 2-core machine the wall clock also
// measures other processes, so benchmarks print both.
inline double cpuSeconds()
{
    return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
}

inline double peakRssMb()
{
    std::FILE *f = std::fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    char line[256];
    double kb = 0;
    while (std::fgets(line, sizeof line, f))
        if (std::strncmp(line, "VmHWM:", 6) == 0)
            kb = std::atof(line + 6);
    std::fclose(f);
    return kb / 1024.0;
}

} // namespace swb::core
