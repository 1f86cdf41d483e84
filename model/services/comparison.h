#pragma once
// A service's column in the pattern guide's comparison table (model/patternaxes.h): the talk's
// six axes (resources/help/aws-behaviour.md §8) with current values. A service that is a way to
// get data to a function declares its column in its own module (ServiceModule::comparison), so a
// new service joins the table without touching the table's code. The helpers below keep every
// number honest: limits and defaults come from the parameter catalogue, prices from the pricing
// catalogue passed in, never written in a module's text.

#include "model/kinds.h"

#include <QList>
#include <QString>

namespace swb {

struct ParamSpec;
struct PriceDimension;
class PricingCatalogue;

enum class PatternAxis { Scale, Durability, Persistence, Consumption, Retries, Pricing };
inline constexpr int kPatternAxisCount = 6;

struct AxisCell {
    QString text; // the value, one or two sentences with current numbers
    QString rule; // the AWS rule behind it and where it is stated (a tooltip)
};

struct ComparisonColumn {
    QString name;          // the column's title: "SQS (queue)"
    QList<AxisCell> cells; // one per PatternAxis, in its order
};

namespace comparison {

QString count(double value);  // 10000 -> "10,000", grouped like AWS's own pages
QString span(double seconds); // in the unit a person would use: "30 s", "6 h", "4 days"

// Catalogue entries the text quotes (asserted to exist: a missing one is a bug in the module).
const ParamSpec &blockParam(ComponentKind kind, const char *key);
const ParamSpec &wireParam(ConnectionKind wire, ComponentKind source, const char *key);
const ParamSpec &projectParam(const char *key);
double defaultOf(const ParamSpec &spec);

// A catalogue price for a cell: its first step ("$0.40 per 1M requests (less at volume)") and,
// for the tooltip, the full tiers with source and confidence. A missing dimension is named, not
// invented.
struct PriceText {
    QString text;
    QString rule;
};
PriceText price(const PricingCatalogue &prices, const char *service, const char *id);
// A metering rule of a dimension ("64 KB" for chunkKB), or "?" when the catalogue lacks it.
QString metering(const PricingCatalogue &prices, const char *service, const char *id,
                 double PriceDimension::*field, const char *unit = "");
QString chunks(const PricingCatalogue &prices, const char *service, const char *id);
// A pricing cell: its text, and a tooltip of the prices' rules followed by `rule`.
AxisCell priced(const QString &text, const QList<PriceText> &parts, const QString &rule);

} // namespace comparison
} // namespace swb
