UPDATE ir_config_parameter SET value = '' WHERE key = 'crm_case_management.telephony_secret';
UPDATE res_company SET kavenegar_api_key = NULL;
