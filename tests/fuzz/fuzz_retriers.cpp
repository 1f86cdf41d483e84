// The Step Functions Retry array parser on arbitrary text. An array that parses writes back to
// JSON that parses to the same retriers, every field within the States Language's range.

#include "fuzzutil.h"

#include "model/sfnretriers.h"

using namespace swb;

SWB_FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    QList<RetrierSpec> retriers;
    QString error;
    if (!parseRetriers(QString::fromUtf8(fuzz::bytes(data, size)), &retriers, &error))
        return 0;
    fuzz::requireRefusedIfExpected(true, QString::fromUtf8(fuzz::bytes(data, size)));
    for (const RetrierSpec &r : retriers)
        fuzz::require(r.maxAttempts >= 0 && r.maxAttempts <= 99999999 && r.intervalSeconds >= 1
                          && r.backoffRate >= 1,
                      "retrier fields are in range");
    const QString text = retriersToJson(retriers);
    QList<RetrierSpec> back;
    fuzz::require(parseRetriers(text, &back, &error), "written retriers parse again", error);
    fuzz::require(retriersToJson(back) == text, "a round trip writes the same text", text);
    return 0;
}
