// Proves that the sanitizer build stops at an out-of-range double-to-integer conversion: GCC's
// -fsanitize=undefined leaves float-cast-overflow out, and clang's would only print and go on
// without -fno-sanitize-recover. Registered only in a sanitizer build (tests/CMakeLists.txt); the
// test passes when the run reports the conversion and never reaches the line after it.
#include <cstdio>
#include <cstdlib>

int main(int argc, char **argv)
{
    // The value comes from the command line, so the compiler cannot fold the conversion away.
    const double value = argc > 1 ? std::strtod(argv[1], nullptr) : 0.0;
    const long long converted = static_cast<long long>(value);
    std::printf("conversion went on: %lld\n", converted);
    return 0;
}
