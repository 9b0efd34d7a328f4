UPDATE ir_config_parameter SET value = '' WHERE key = 'crm_case_management.telephony_secret';
UPDATE res_company SET case_telephony_secret = NULL, case_click_to_call_url = NULL;
UPDATE ir_config_parameter SET value = '' WHERE key = 'crm_case_management.click_to_call_url';
UPDATE res_company SET kavenegar_api_key = NULL;
