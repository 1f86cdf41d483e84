#pragma once

#include "model/pricing.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace swb {

// The 2018 talk's comparison of the four ways to get data to a function
// (resources/help/aws-behaviour.md §8), plus today's event router (a custom event bus, §9), on its
// six axes, with current values: limits and defaults
// read from the parameter catalogue, prices from a pricing catalogue, and the qualitative rules of
// the reference. The pattern guide shows it as a table (ui/guide).
enum class PatternAxis { Scale, Durability, Persistence, Consumption, Retries, Pricing };
enum class PatternChannel { Api, Sns, Sqs, Kinesis, EventBus };

struct AxisCell {
    QString text; // the value, one or two sentences with current numbers
    QString rule; // the AWS rule behind it and where it is stated (a tooltip)
};

struct PatternAxes {
    QStringList axisNames;        // rows, in PatternAxis order
    QStringList channelNames;     // columns, in PatternChannel order
    QList<QList<AxisCell>> cells; // cells[axis][channel]
    QString priceNote;            // region, currency and date of the catalogue the prices come from

    const AxisCell &cell(PatternAxis axis, PatternChannel channel) const
    {
        return cells.at(int(axis)).at(int(channel));
    }
};

QList<PatternAxis> allPatternAxes();
QList<PatternChannel> allPatternChannels();

// The table for these prices (the compiled-in catalogue unless the user loaded another).
PatternAxes patternAxes(const PricingCatalogue &prices);

} // namespace swb
