from . import crm_case_merge
from . import crm_case_reject
from . import crm_case_holiday_import
from . import crm_case_escalate
