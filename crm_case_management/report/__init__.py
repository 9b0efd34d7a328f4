from . import crm_case_timesheet_report
from . import crm_case_sla_report
from . import crm_case_satisfaction_report
