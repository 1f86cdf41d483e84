#include "sim/scenariobuilder.h"

#include "sim/scenariobuilder_p.h"
#include "sim/services/simservice.h"

#include "model/services/account/account.h"
#include "model/services/lambda/lambda.h"

namespace swb {

namespace detail {

void Builder::mapSettings() {
    const account::Params settings = account::Params::of(m_design.settings);
    m_sc.durationSeconds = m_options.durationSeconds.value_or(settings.duration);
    m_sc.seed = m_options.seed.value_or(quint64(settings.seed));
    m_sc.binWidthSeconds = m_options.binWidthSeconds;
    core::Account &a = m_sc.account;
    a.concurrencyLimit = u32(double(settings.accountConcurrency));
    a.unreservedMinimum = u32(double(lambda::kUnreservedMinimum));
    // One switch for both 2018 rules: Lambda's account burst + 500/min and the SQS pollers'
    // +60/min to 1,000 (aws-behaviour.md §1, §4 "Before late 2023").
    const bool legacy = settings.scalingModel == account::ScalingModel::Legacy2018;
    a.scaling = legacy ? core::ScalingMode::Legacy2018 : core::ScalingMode::Current;
    a.sqsPollerScaling = a.scaling;
    a.legacyBurst = u32(double(settings.legacyBurst));
    a.apiRateLimit = settings.apiAccountRate;
    a.apiBurstLimit = settings.apiAccountBurst;
}

void Builder::mapComponent(const Component &c) {
    // The service module adds the block's record (sim/services/<service>/).
    const SimService &service = simService(c.kind);
    const core::ComponentKind kind = service.coreKind;
    const std::uint32_t index = service.add(*this, c);
    const core::ComponentRef r{kind, index};
    m_out->refs.insert(c.id, r);
    m_out->names.insert(c.id, c.name);
    auto &slot = m_out->byKind[std::size_t(kind)];
    if (slot.size() <= index)
        slot.resize(index + 1, InvalidId);
    slot[index] = c.id;
}

} // namespace detail

core::ComponentKind toCoreKind(ComponentKind kind) {
    return simService(kind).coreKind;
}

ComponentId BuildResult::componentOf(core::ComponentRef ref) const {
    const auto k = std::size_t(ref.kind);
    if (!ref.valid() || k >= byKind.size() || ref.index >= byKind[k].size())
        return InvalidId;
    return byKind[k][ref.index];
}

QList<BuildFinding> BuildResult::errors() const {
    QList<BuildFinding> out;
    for (const BuildFinding &f : findings) {
        if (f.severity == BuildFinding::Severity::Error)
            out.append(f);
    }
    return out;
}

BuildResult buildScenario(const Design &design, const BuildOptions &options) {
    BuildResult result;
    for (ComponentKind kind : allComponentKinds())
        result.byKind.resize(
            std::max(result.byKind.size(), std::size_t(simService(kind).coreKind) + 1));
    if (options.runAnalysis)
        detail::appendAnalysisFindings(design, &result);
    detail::Builder(design, options, &result).run();
    result.ok = result.errors().isEmpty();
    return result;
}

QString BuildResult::errorText() const {
    QStringList lines;
    for (const BuildFinding &f : errors())
        lines.append(QStringLiteral("error  %1  %2").arg(f.code, f.message));
    return lines.join(QLatin1Char('\n'));
}

} // namespace swb
