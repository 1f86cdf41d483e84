// The pricing catalogue reader on arbitrary JSON. A catalogue that reads prices every
// dimension to a finite, non-negative amount.

#include "fuzzutil.h"

#include "model/pricing.h"

#include <cmath>

using namespace swb;

SWB_FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    QString error;
    const std::optional<PricingCatalogue> catalogue =
        PricingCatalogue::fromJson(fuzz::bytes(data, size), QStringLiteral("fuzz.json"), &error);
    if (!catalogue) {
        fuzz::require(error.contains(QStringLiteral("fuzz.json")), "a refusal names the file",
                      error);
        return 0;
    }
    fuzz::requireRefusedIfExpected(true);
    for (const PriceDimension &d : catalogue->dimensions) {
        for (double quantity : {0.0, 1.0, 1e6, 1e12}) {
            const double usd = d.costOfRange(0, quantity);
            fuzz::require(std::isfinite(usd) && usd >= 0, "a price is finite and not negative",
                          d.service + QLatin1Char('/') + d.id);
        }
        (void)d.priceText();
    }
    return 0;
}
