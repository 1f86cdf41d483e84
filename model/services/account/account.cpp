#include "model/services/account/account.h"

namespace swb::account {

SWB_PARAM_READER(Params, SWB_ACCOUNT_PARAMS)

QList<ParamSpec> specs()
{
    return SWB_PARAM_SPECS(SWB_ACCOUNT_PARAMS);
}

} // namespace swb::account
