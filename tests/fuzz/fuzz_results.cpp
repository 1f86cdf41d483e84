// The results reader on arbitrary JSON. Results that read are in range (resultsreader.h) and
// write back to JSON that reads again.

#include "fuzzutil.h"

#include "sim/resultsreader.h"
#include "sim/resultswriter.h"

using namespace swb;

SWB_FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    QString error;
    const RunResults r =
        readResultsJson(fuzz::bytes(data, size), QStringLiteral("fuzz.json"), &error);
    if (!r.ok) {
        fuzz::require(error.startsWith(QStringLiteral("'fuzz.json'")), "a refusal names the file",
                      error);
        return 0;
    }
    fuzz::requireRefusedIfExpected(true);
    const RunResults back = readResultsJson(resultsToJson(r), QStringLiteral("back.json"), &error);
    fuzz::require(back.ok, "results that read write back to JSON that reads", error);
    fuzz::require(back.binCount() == r.binCount(), "the round trip keeps every bin");
    return 0;
}
