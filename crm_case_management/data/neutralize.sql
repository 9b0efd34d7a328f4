UPDATE ir_config_parameter SET value = '' WHERE key = 'crm_case_management.telephony_secret';
