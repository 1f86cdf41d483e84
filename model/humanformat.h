#pragma once
// Human numbers, shared by every layer that shows figures to people (chart axes and read-outs,
// the canvas badges each service module words, reports): "15k", "1.2 M", "250 ms", "1.5 s",
// "2 min". At most 3 significant digits; a duration takes the unit that fits its magnitude.

#include <QString>

namespace swb {

// Up to 3 significant digits, no trailing zeros: "1.5", "15", "150", "0.25".
QString shortNumber(double value);
// "0", "950", "1.5k", "15k", "1.2 M", "0.25"; at most 3 significant digits.
QString formatCount(double value);
// Seconds as "250 ms", "1.5 s", "45 s", "2 min", "1.5 h"; the unit follows the magnitude.
QString formatDuration(double seconds);
// "1.2k", "87", "0.35": the shorter form for badges, where width is scarce.
QString compactNumber(double value);

// The unit a duration of this magnitude reads in: ms below 1 s, s below 2 min, min below 2 h,
// then h.
struct DurationUnit {
    double seconds;
    const char *name;
};
DurationUnit durationUnit(double seconds);

} // namespace swb
