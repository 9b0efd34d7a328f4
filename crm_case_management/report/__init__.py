from . import crm_case_timesheet_report
