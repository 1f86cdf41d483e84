#pragma once

#include "model/pricing.h"
#include "model/services/comparison.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace swb {

// The 2018 talk's comparison of the four ways to get data to a function
// (resources/help/aws-behaviour.md §8), plus today's event router (a custom event bus, §9), on its
// six axes, with current values: limits and defaults read from the parameter catalogue, prices
// from a pricing catalogue, and the qualitative rules of the reference. Each column is declared by
// its service module (ServiceModule::comparison), in palette order. The pattern guide shows it as
// a table (ui/guide).
struct PatternAxes {
    QStringList axisNames;         // rows, in PatternAxis order
    QList<ComponentKind> channels; // columns: the services that declare one
    QStringList channelNames;      // their titles, same order
    QList<QList<AxisCell>> cells;  // cells[axis][column]
    QString priceNote; // region, currency and date of the catalogue the prices come from

    int column(ComponentKind channel) const { return int(channels.indexOf(channel)); }
    const AxisCell &cell(PatternAxis axis, ComponentKind channel) const
    {
        return cells.at(int(axis)).at(column(channel));
    }
};

QList<PatternAxis> allPatternAxes();

// The table for these prices (the compiled-in catalogue unless the user loaded another).
PatternAxes patternAxes(const PricingCatalogue &prices);

} // namespace swb
