#pragma once
// Shared by the libFuzzer targets (tests/fuzz/*.cpp, built with -DSWB_FUZZ=ON and clang): one
// QCoreApplication for the process (the SQLite driver plugin is found through it), a
// crash-with-a-message check for the properties the targets assert beyond "no crash", and the
// checks every target makes of a design it read.

#include "model/checkednumbers.h"
#include "model/design.h"

#include <QByteArray>
#include <QCoreApplication>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace swb::fuzz {

inline void ensureApplication()
{
    static int argc = 1;
    static char name[] = "swb-fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication *app = new QCoreApplication(argc, argv);
    (void)app;
}

inline QByteArray bytes(const std::uint8_t *data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// A broken property is a finding like a crash: print it and abort, so libFuzzer keeps the input.
inline void require(bool condition, const char *property, const QString &detail = {})
{
    if (condition)
        return;
    std::fprintf(stderr, "property broken: %s\n%s\n", property, qPrintable(detail));
    std::abort();
}

// run-fuzz.sh regress runs the corpus files named regression-refused-* (inputs a reader once
// accepted silently: a misspelt key, a second document, a figure out of range) with
// SWB_FUZZ_EXPECT_REFUSAL=1; their target then requires the reader to refuse them.
inline void requireRefusedIfExpected(bool accepted, const QString &detail = {})
{
    static const bool expected = qEnvironmentVariableIntValue("SWB_FUZZ_EXPECT_REFUSAL") == 1;
    require(!(expected && accepted), "this regression input must be refused", detail);
}

// What every reader of a design guarantees (model/checkednumbers.h): block positions on the
// canvas (every export can draw them: coordinates of 1e308 reached QSizeF::toSize()).
inline void requireDesignInRange(const Design &design)
{
    for (const Component &c : design.components) {
        const QPointF p = c.position;
        require(std::isfinite(p.x()) && std::isfinite(p.y())
                    && std::abs(p.x()) <= checked::kMaxCoordinate
                    && std::abs(p.y()) <= checked::kMaxCoordinate,
                "a block's position is on the canvas",
                c.name + QStringLiteral(": %1, %2").arg(p.x()).arg(p.y()));
    }
}

} // namespace swb::fuzz

#define SWB_FUZZ_INIT                                                                              \
    extern "C" int LLVMFuzzerInitialize(int *, char ***)                                           \
    {                                                                                              \
        swb::fuzz::ensureApplication();                                                            \
        return 0;                                                                                  \
    }
