#include "model/services/paramdecl.h"

namespace swb::paramdecl {

ParamSpec integer(const char *key, const char *name, const char *unit, qlonglong def, double min,
                  double max, const char *unsetName, const char *help)
{
    ParamSpec s;
    s.key = paramKeyText(key);
    s.displayName = QLatin1String(name);
    s.unit = QLatin1String(unit);
    s.quantity = paramunits::quantityOf(s.unit);
    s.type = ParamType::Integer;
    s.defaultValue = def;
    s.minimum = min;
    s.maximum = max;
    s.help = QString::fromUtf8(help);
    // Every "not set" value in the catalogue is -1, outside AWS's range.
    if (unsetName) {
        s.sentinel = -1;
        s.sentinelName = QLatin1String(unsetName);
    }
    return s;
}

ParamSpec real(const char *key, const char *name, const char *unit, double def, double min,
               double max, const char *unsetName, const char *help)
{
    ParamSpec s = integer(key, name, unit, 0, min, max, unsetName, help);
    s.type = ParamType::Real;
    s.defaultValue = def;
    return s;
}

ParamSpec flag(const char *key, const char *name, bool def, const char *help)
{
    ParamSpec s = integer(key, name, "", 0, 0, 1, nullptr, help);
    s.type = ParamType::Boolean;
    s.defaultValue = def;
    return s;
}

ParamSpec choice(const char *key, const char *name, QStringList choices, const char *help)
{
    ParamSpec s = integer(key, name, "", 0, 0, 0, nullptr, help);
    s.type = ParamType::Choice;
    s.defaultValue = choices.first();
    s.choices = std::move(choices);
    return s;
}

ParamSpec text(const char *key, const char *name, const char *help)
{
    ParamSpec s = integer(key, name, "", 0, 0, 0, nullptr, help);
    s.type = ParamType::Text;
    s.defaultValue = QString();
    return s;
}

void setAppliesWhen(QList<ParamSpec> &specs, const QString &key, const QString &controller,
                    const QStringList &values)
{
    for (ParamSpec &spec : specs) {
        if (spec.key == key) {
            spec.appliesWhenKey = controller;
            spec.appliesWhenValues = values;
            return;
        }
    }
    Q_ASSERT_X(false, "setAppliesWhen", "no such parameter");
}

} // namespace swb::paramdecl
