#include "model/services/account/account.h"

namespace swb::account {

SWB_PARAM_READER(Params, SWB_ACCOUNT_PARAMS)

QList<ParamSpec> specs()
{
    QList<ParamSpec> specs = SWB_PARAM_SPECS(SWB_ACCOUNT_PARAMS);
    // The initial burst belongs to the 2018 scaling model only (aws-behaviour.md section 1).
    paramdecl::appliesWhen(specs, key::legacyBurst, key::scalingModel, {ScalingModel::Legacy2018});
    return specs;
}

} // namespace swb::account
