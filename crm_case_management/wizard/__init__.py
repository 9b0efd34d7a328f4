from . import crm_case_reject
