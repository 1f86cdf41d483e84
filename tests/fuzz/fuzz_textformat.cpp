// The .swb.yaml reader on arbitrary text. A design that reads must write to text that reads back
// (whatever swb writes, it reads), and every refusal names the file.

#include "fuzzutil.h"

#include "model/textformat.h"

using namespace swb;

SWB_FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    Design design;
    QString error;
    const QString source = QStringLiteral("fuzz.swb.yaml");
    if (!TextFormat::fromYaml(fuzz::bytes(data, size), source, &design, &error)) {
        fuzz::require(error.startsWith(source), "a refusal names the file", error);
        return 0;
    }
    fuzz::requireRefusedIfExpected(true);
    fuzz::requireDesignInRange(design);
    const QByteArray text = TextFormat::toYaml(design);
    Design back;
    fuzz::require(TextFormat::fromYaml(text, source, &back, &error),
                  "the text a design writes reads back", error);
    fuzz::require(TextFormat::toYaml(back) == text, "a round trip writes the same text");
    return 0;
}
